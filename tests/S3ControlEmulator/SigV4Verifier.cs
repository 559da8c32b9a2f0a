using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime.Internal.Auth;

namespace S3ControlEmulator;

/// <summary>A key pair the emulator accepts.</summary>
internal sealed record EmulatorCredential(string AccessKey, string SecretKey, string AccountId, string? SessionToken, DateTimeOffset? Expires, bool FromCommandLine);

/// <summary>What a verified signature tells: who signed, and for which region/service.</summary>
internal sealed record SignerInfo(EmulatorCredential Credential, string Region, string Service);

/// <summary>A received request, as the verifier sees it.</summary>
internal sealed record RawRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    public string? Header(string name)
    {
        string? found = null;
        foreach (var h in Headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = found is null ? h.Value : found + "," + h.Value;
            }
        }

        return found;
    }
}

/// <summary>
/// Checks AWS Signature Version 4 on a received request. The canonical request is rebuilt
/// from the raw request; the signature itself is computed with AWSSDK.Core's own signing
/// primitives (<see cref="AWS4Signer.ComputeSignature(string, string, string, DateTime, string, string, string)"/>,
/// which derives the signing key and signs the string to sign), so that the emulator and
/// the module do not share a possible misreading of the algorithm.
/// </summary>
internal static partial class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    [GeneratedRegex(@"^AWS4-HMAC-SHA256\s+Credential=(?<cred>[^,\s]+)\s*,\s*SignedHeaders=(?<sh>[^,\s]+)\s*,\s*Signature=(?<sig>[0-9a-fA-F]+)\s*$")]
    private static partial Regex AuthRegex();

    /// <summary>
    /// Verifies the request. <paramref name="s3Mode"/>: S3's mode (x-amz-content-sha256
    /// required, signed and equal to the body's hash; path used as sent, neither normalised
    /// nor double-encoded). Otherwise the generic mode (path segments encoded again).
    /// </summary>
    public static SignerInfo Verify(RawRequest req, bool s3Mode, string expectedService, Func<string, EmulatorCredential?> lookup, DateTimeOffset now)
    {
        var auth = req.Header("Authorization");
        if (string.IsNullOrEmpty(auth))
        {
            throw new ApiException("AccessDenied", "Access Denied");
        }

        var m = AuthRegex().Match(auth);
        if (!m.Success)
        {
            throw new ApiException("AuthorizationHeaderMalformed", "The authorization header is malformed; it must be 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...'.");
        }

        var credParts = m.Groups["cred"].Value.Split('/');
        if (credParts.Length != 5 || credParts[4] != "aws4_request")
        {
            throw new ApiException("AuthorizationHeaderMalformed", "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }

        var accessKey = credParts[0];
        var scopeDate = credParts[1];
        var region = credParts[2];
        var service = credParts[3];

        var cred = lookup(accessKey)
            ?? throw new ApiException("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");

        if (cred.Expires is { } exp && exp <= now)
        {
            throw new ApiException("ExpiredToken", "The provided token has expired.");
        }

        var token = req.Header("X-Amz-Security-Token");
        if (cred.SessionToken is not null)
        {
            if (token is null)
            {
                throw new ApiException("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records (a session token is required with it).");
            }

            if (!string.Equals(token, cred.SessionToken, StringComparison.Ordinal))
            {
                throw new ApiException("InvalidToken", "The provided token is malformed or otherwise invalid.");
            }
        }
        else if (token is not null)
        {
            throw new ApiException("InvalidToken", "The provided token is malformed or otherwise invalid.");
        }

        if (!string.Equals(service, expectedService, StringComparison.Ordinal))
        {
            throw new ApiException("AuthorizationHeaderMalformed", $"The authorization header is malformed; incorrect service \"{service}\". This endpoint belongs to \"{expectedService}\".");
        }

        var amzDate = req.Header("X-Amz-Date");
        if (amzDate is null
            || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw new ApiException("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
        }

        if (!string.Equals(scopeDate, amzDate[..8], StringComparison.Ordinal))
        {
            throw new ApiException("AuthorizationHeaderMalformed", $"The authorization header is malformed; Invalid credential date \"{scopeDate}\". This date is not the same as X-Amz-Date: \"{amzDate[..8]}\".");
        }

        var skew = (new DateTimeOffset(signedAt, TimeSpan.Zero) - now).Duration();
        if (skew > TimeSpan.FromMinutes(15))
        {
            throw new ApiException("RequestTimeTooSkewed", $"The difference between the request time and the current time is too large. RequestTime: {amzDate}, ServerTime: {now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}");
        }

        var signedHeaders = m.Groups["sh"].Value.Split(';');
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            throw new ApiException("AccessDenied", "The host header must be signed.");
        }

        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(req.Body));
        var contentSha = req.Header("x-amz-content-sha256");
        string payloadHash;
        if (s3Mode)
        {
            if (contentSha is null)
            {
                throw new ApiException("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
            }

            if (!signedHeaders.Contains("x-amz-content-sha256", StringComparer.Ordinal))
            {
                throw new ApiException("AccessDenied", "The x-amz-content-sha256 header must be signed.");
            }

            if (!string.Equals(contentSha, bodyHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiException("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }

            payloadHash = contentSha;
        }
        else
        {
            if (contentSha is not null && !string.Equals(contentSha, bodyHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiException("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }

            payloadHash = contentSha ?? bodyHash;
        }

        var canonical = CanonicalRequest(req, signedHeaders, payloadHash, s3Mode);
        var result = AWS4Signer.ComputeSignature(accessKey, cred.SecretKey, region, signedAt, service, string.Join(';', signedHeaders), canonical);
        var expected = result.Signature;
        var given = m.Groups["sig"].Value.ToLowerInvariant();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
        {
            throw new ApiException("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }

        return new SignerInfo(cred, region, service);
    }

    /// <summary>The canonical request of the SigV4 specification, rebuilt from the raw request.</summary>
    public static string CanonicalRequest(RawRequest req, IReadOnlyList<string> signedHeaders, string payloadHash, bool s3Mode)
    {
        var sb = new StringBuilder();
        sb.Append(req.Method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(req.RawPath, s3Mode)).Append('\n');
        sb.Append(CanonicalQuery(req.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = req.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => CollapseSpaces(h.Value.Trim()));
            sb.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        sb.Append('\n');
        sb.Append(string.Join(';', signedHeaders)).Append('\n');
        sb.Append(payloadHash);
        return sb.ToString();
    }

    private static string CanonicalUri(string rawPath, bool s3Mode)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (s3Mode)
        {
            // S3: the path as sent (the client encoded it once), no normalisation.
            return path;
        }

        // Generic mode: normalise dot segments, then encode each (already encoded) segment again.
        var segments = new List<string>();
        foreach (var seg in path.Split('/'))
        {
            if (seg == ".")
            {
                continue;
            }

            if (seg == "..")
            {
                if (segments.Count > 1)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(seg);
        }

        var joined = string.Join('/', segments.Select(s => UriEncode(s)));
        if (!joined.StartsWith('/'))
        {
            joined = "/" + joined;
        }

        return joined;
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var q = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        var pairs = new List<(string K, string V)>();
        foreach (var part in q.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var k = eq < 0 ? part : part[..eq];
            var v = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(k)), UriEncode(Uri.UnescapeDataString(v))));
        }

        return string.Join('&', pairs.OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => p.K + "=" + p.V));
    }

    /// <summary>RFC 3986 encoding: unreserved characters kept, everything else %XX (UTF-8).</summary>
    public static string UriEncode(string s, bool keepSlash = false)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string CollapseSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prevSpace = false;
        foreach (var c in s)
        {
            if (c == ' ')
            {
                if (!prevSpace)
                {
                    sb.Append(c);
                }

                prevSpace = true;
            }
            else
            {
                sb.Append(c);
                prevSpace = false;
            }
        }

        return sb.ToString();
    }

    /// <summary>The algorithm name, for messages.</summary>
    public static string Name => Algorithm;
}
