using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace S3Batch.Protocol.Signing
{
    /// <summary>
    /// AWS Signature Version 4 (header form, HMAC-SHA256), written against AWS's SigV4 test
    /// suite (<see cref="SigningMode.Generic"/>) and Amazon S3's variant (<see cref="SigningMode.S3"/>).
    /// Uses only the public <see cref="ImmutableCredentials"/> of AWSSDK.Core.
    /// </summary>
    internal static class SigV4Signer
    {
        /// <summary>The algorithm name that opens the string to sign and the Authorization header.</summary>
        public const string Algorithm = "AWS4-HMAC-SHA256";

        /// <summary>The SHA-256 of an empty payload.</summary>
        public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        internal const string AuthorizationHeader = "Authorization";
        internal const string DateHeader = "X-Amz-Date";
        internal const string ContentSha256Header = "x-amz-content-sha256";
        internal const string SecurityTokenHeader = "X-Amz-Security-Token";
        internal const string HostHeader = "Host";

        private const string Terminator = "aws4_request";

        // One per thread, kept: creating one costs more than hashing a request (ComputeHash leaves it ready for the next).
        [ThreadStatic]
        private static SHA256? _sha256;

        [ThreadStatic]
        private static DerivedKey? _lastSigningKey;

        // Never signed: Authorization itself, and the headers that AWSSDK.Core's AWS4Signer leaves
        // out because something between here and the service may add or change them.
        private static readonly HashSet<string> UnsignedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            AuthorizationHeader,
            "X-Amzn-Trace-Id",
            "Transfer-Encoding",
            "amz-sdk-invocation-id",
            "amz-sdk-request",
            "User-Agent",
            "x-amz-user-agent",
        };

        /// <summary>
        /// Signs a request: sets <c>X-Amz-Date</c>, in <see cref="SigningMode.S3"/> also
        /// <c>x-amz-content-sha256</c>, <c>X-Amz-Security-Token</c> when the credentials carry a
        /// token, and finally <c>Authorization</c>. Each replaces a header of the same name.
        /// </summary>
        /// <param name="request">The request; it must have a <c>Host</c> header.</param>
        /// <param name="credentials">The access key, secret key and optional session token.</param>
        /// <param name="region">The signing region, for example <c>us-east-1</c>.</param>
        /// <param name="service">The signing name, for example <c>s3</c>.</param>
        /// <param name="utcNow">The signing time (a local time is converted; an unspecified one is taken as UTC).</param>
        /// <param name="mode">Generic or S3 canonicalisation.</param>
        /// <returns>The canonical request, string to sign and signature.</returns>
        public static SigningResult Sign(
            SigningRequest request,
            ImmutableCredentials credentials,
            string region,
            string service,
            DateTime utcNow,
            SigningMode mode)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (credentials is null)
            {
                throw new ArgumentNullException(nameof(credentials));
            }

            if (string.IsNullOrEmpty(credentials.AccessKey) || string.IsNullOrEmpty(credentials.SecretKey))
            {
                throw new ArgumentException("The credentials need an access key and a secret key.", nameof(credentials));
            }

            if (string.IsNullOrEmpty(region))
            {
                throw new ArgumentException("The signing region must not be empty.", nameof(region));
            }

            if (string.IsNullOrEmpty(service))
            {
                throw new ArgumentException("The signing name must not be empty.", nameof(service));
            }

            if (mode != SigningMode.Generic && mode != SigningMode.S3)
            {
                throw new ArgumentOutOfRangeException(nameof(mode));
            }

            if (request.GetHeader(HostHeader) is null)
            {
                throw new ArgumentException("The request needs a Host header before it is signed.", nameof(request));
            }

            DateTime signedAt = utcNow.Kind == DateTimeKind.Local
                ? utcNow.ToUniversalTime()
                : DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
            string amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            string dateStamp = signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

            string payloadHash = request.PayloadSha256Hex ?? Sha256Hex(request.Payload ?? Array.Empty<byte>());

            // A re-sign replaces what an earlier signing set.
            request.RemoveHeader(AuthorizationHeader);
            request.SetHeader(DateHeader, amzDate);
            if (mode == SigningMode.S3)
            {
                request.SetHeader(ContentSha256Header, payloadHash);
            }

            if (credentials.UseToken)
            {
                request.SetHeader(SecurityTokenHeader, credentials.Token);
            }

            string canonicalUri = CanonicalUri(request.Path, mode);
            string canonicalQuery = CanonicalQueryString(request.Query);
            CanonicalizeHeaders(request.Headers, out string canonicalHeaders, out string signedHeaders);

            string canonicalRequest =
                request.Method + "\n" +
                canonicalUri + "\n" +
                canonicalQuery + "\n" +
                canonicalHeaders + "\n" +
                signedHeaders + "\n" +
                payloadHash;

            string scope = dateStamp + "/" + region + "/" + service + "/" + Terminator;
            string stringToSign =
                Algorithm + "\n" +
                amzDate + "\n" +
                scope + "\n" +
                Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest));

            string signature = ToHex(HmacSha256(SigningKey(credentials.SecretKey, dateStamp, region, service), Encoding.UTF8.GetBytes(stringToSign)));

            string authorization = Algorithm +
                " Credential=" + credentials.AccessKey + "/" + scope +
                ", SignedHeaders=" + signedHeaders +
                ", Signature=" + signature;
            request.SetHeader(AuthorizationHeader, authorization);

            return new SigningResult(canonicalRequest, stringToSign, signature, signedHeaders, scope, amzDate, payloadHash, authorization);
        }

        /// <summary>
        /// The canonical URI. <see cref="SigningMode.S3"/>: the wire path itself. <see cref="SigningMode.Generic"/>:
        /// the wire path with dot segments and repeated slashes removed, each segment URI-encoded once more.
        /// </summary>
        /// <param name="path">The path as it goes on the wire.</param>
        /// <param name="mode">The signing mode.</param>
        internal static string CanonicalUri(string path, SigningMode mode)
        {
            if (string.IsNullOrEmpty(path))
            {
                return "/";
            }

            if (mode == SigningMode.S3)
            {
                return path;
            }

            var segments = new List<string>();
            string[] raw = path.Split('/');
            bool trailingSlash = false;
            for (int i = 0; i < raw.Length; i++)
            {
                string segment = raw[i];
                bool last = i == raw.Length - 1;
                if (segment.Length == 0 || segment == ".")
                {
                    trailingSlash = last && i > 0;
                    continue;
                }

                if (segment == "..")
                {
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    trailingSlash = last;
                    continue;
                }

                segments.Add(UriEncode(Encoding.UTF8.GetBytes(segment)));
                trailingSlash = false;
            }

            if (segments.Count == 0)
            {
                return "/";
            }

            return "/" + string.Join("/", segments) + (trailingSlash ? "/" : string.Empty);
        }

        /// <summary>
        /// The canonical query string: each name and value percent-decoded, then encoded with the
        /// RFC 3986 unreserved set; sorted by name, then value; empty values kept as <c>name=</c>.
        /// </summary>
        /// <param name="query">The raw query string, without <c>?</c>.</param>
        internal static string CanonicalQueryString(string query)
        {
            if (string.IsNullOrEmpty(query))
            {
                return string.Empty;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (string part in query.Split('&'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                int eq = part.IndexOf('=');
                string name = eq < 0 ? part : part.Substring(0, eq);
                string value = eq < 0 ? string.Empty : part.Substring(eq + 1);
                pairs.Add(new KeyValuePair<string, string>(
                    UriEncode(PercentDecode(name)),
                    UriEncode(PercentDecode(value))));
            }

            pairs.Sort((a, b) =>
            {
                int byName = string.CompareOrdinal(a.Key, b.Key);
                return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
            });

            var builder = new StringBuilder();
            foreach (var pair in pairs)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(pair.Key).Append('=').Append(pair.Value);
            }

            return builder.ToString();
        }

        /// <summary>
        /// The canonical headers (lower-case names, sorted; values trimmed, inner whitespace runs
        /// collapsed to one space, repeated names joined with commas in their order) and the
        /// signed header names.
        /// </summary>
        /// <param name="headers">The request headers.</param>
        /// <param name="canonicalHeaders">Each <c>name:value</c> followed by a newline.</param>
        /// <param name="signedHeaders">The names joined with <c>;</c>.</param>
        internal static void CanonicalizeHeaders(
            IEnumerable<KeyValuePair<string, string>> headers,
            out string canonicalHeaders,
            out string signedHeaders)
        {
            var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var header in headers)
            {
                if (UnsignedHeaders.Contains(header.Key))
                {
                    continue;
                }

                string name = LowerAscii(header.Key);
                if (!byName.TryGetValue(name, out var values))
                {
                    values = new List<string>();
                    byName.Add(name, values);
                }

                values.Add(CollapseWhitespace(header.Value));
            }

            var canonical = new StringBuilder();
            var names = new StringBuilder();
            foreach (var entry in byName)
            {
                canonical.Append(entry.Key).Append(':').Append(string.Join(",", entry.Value)).Append('\n');
                if (names.Length > 0)
                {
                    names.Append(';');
                }

                names.Append(entry.Key);
            }

            canonicalHeaders = canonical.ToString();
            signedHeaders = names.ToString();
        }

        /// <summary>Percent-encodes bytes: RFC 3986 unreserved characters stay, all else is <c>%XX</c> (upper-case hex).</summary>
        /// <param name="bytes">The bytes (UTF-8 for text).</param>
        internal static string UriEncode(byte[] bytes)
        {
            const string Hex = "0123456789ABCDEF";
            var builder = new StringBuilder(bytes.Length * 3);
            foreach (byte b in bytes)
            {
                if (IsUnreserved(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }
            }

            return builder.ToString();
        }

        /// <summary>Percent-encodes text as UTF-8 with the RFC 3986 unreserved set.</summary>
        /// <param name="text">The text.</param>
        internal static string UriEncode(string text) => UriEncode(Encoding.UTF8.GetBytes(text ?? string.Empty));

        /// <summary>
        /// Decodes <c>%XX</c> sequences to bytes; everything else is taken as its UTF-8 bytes.
        /// <c>+</c> stays a plus sign, and a <c>%</c> not followed by two hex digits stays itself.
        /// </summary>
        /// <param name="text">Wire text.</param>
        internal static byte[] PercentDecode(string text)
        {
            var bytes = new List<byte>(text.Length);
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                    i += 3;
                    continue;
                }

                // Take a whole UTF-16 character (a surrogate pair included) as UTF-8.
                int length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                i += length;
            }

            return bytes.ToArray();
        }

        /// <summary>The SHA-256 of bytes as lower-case hex.</summary>
        /// <param name="data">The bytes.</param>
        internal static string Sha256Hex(byte[] data) => ToHex((_sha256 ??= SHA256.Create()).ComputeHash(data));

        /// <summary>
        /// The signing key of a day, region and service. The last one derived on each thread is kept
        /// (as the AWS SDKs for Java and Go keep theirs), so that a run of requests with the same keys
        /// derives it once a day instead of with four HMACs per request; it never leaves this class.
        /// </summary>
        private static byte[] SigningKey(string secretKey, string dateStamp, string region, string service)
        {
            var last = _lastSigningKey;
            if (last is not null && last.Matches(secretKey, dateStamp, region, service))
            {
                return last.Key;
            }

            byte[] secret = Encoding.UTF8.GetBytes("AWS4" + secretKey);
            try
            {
                byte[] kDate = HmacSha256(secret, Encoding.UTF8.GetBytes(dateStamp));
                byte[] kRegion = HmacSha256(kDate, Encoding.UTF8.GetBytes(region));
                byte[] kService = HmacSha256(kRegion, Encoding.UTF8.GetBytes(service));
                byte[] key = HmacSha256(kService, Encoding.UTF8.GetBytes(Terminator));
                _lastSigningKey = new DerivedKey(secretKey, dateStamp, region, service, key);
                return key;
            }
            finally
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }

        private static byte[] HmacSha256(byte[] key, byte[] data)
        {
            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(data);
            }
        }

        private static string ToHex(byte[] bytes)
        {
            const string Hex = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Hex[bytes[i] >> 4];
                chars[(2 * i) + 1] = Hex[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        private static string CollapseWhitespace(string value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }

            var builder = new StringBuilder(value.Length);
            bool pendingSpace = false;
            foreach (char c in value)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }

        // Header names are ASCII tokens; a culture-free lower-casing keeps 'I' from becoming a dotless i.
        private static string LowerAscii(string name)
        {
            var chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z')
                {
                    chars[i] = (char)(chars[i] + ('a' - 'A'));
                }
            }

            return new string(chars);
        }

        private static bool IsUnreserved(byte b)
        {
            return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
        }

        private static bool IsHex(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
        }

        private static int HexValue(char c)
        {
            return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        }

        /// <summary>A signing key and what it was derived from.</summary>
        private sealed class DerivedKey
        {
            private readonly string _secretKey;
            private readonly string _dateStamp;
            private readonly string _region;
            private readonly string _service;

            public DerivedKey(string secretKey, string dateStamp, string region, string service, byte[] key)
            {
                _secretKey = secretKey;
                _dateStamp = dateStamp;
                _region = region;
                _service = service;
                Key = key;
            }

            public byte[] Key { get; }

            public bool Matches(string secretKey, string dateStamp, string region, string service) =>
                string.Equals(_secretKey, secretKey, StringComparison.Ordinal) && string.Equals(_dateStamp, dateStamp, StringComparison.Ordinal)
                && string.Equals(_region, region, StringComparison.Ordinal) && string.Equals(_service, service, StringComparison.Ordinal);
        }
    }
}
