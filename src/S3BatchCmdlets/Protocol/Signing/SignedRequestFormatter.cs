using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace S3Batch.Protocol.Signing
{
    /// <summary>
    /// Renders signed requests and signing details for logs, verbose output and error messages
    /// with every secret taken out: the <c>Signature=</c> of <c>Authorization</c>, the session
    /// token (header, query parameter or canonical-request line) and proxy credentials.
    /// The access key id stays: it is not a secret, and it tells which key signed.
    /// </summary>
    internal static class SignedRequestFormatter
    {
        /// <summary>What stands in place of a secret.</summary>
        public const string Redacted = "<redacted>";

        // Headers whose whole value is a secret.
        private static readonly HashSet<string> SecretHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            SigV4Signer.SecurityTokenHeader,
            "Proxy-Authorization",
            "Cookie",
        };

        // Query parameters whose value is a secret (a presigned URL's signature and token).
        private static readonly HashSet<string> SecretQueryParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "X-Amz-Signature",
            "X-Amz-Security-Token",
        };

        /// <summary>
        /// The request as text: the request line, one <c>Name: value</c> line per header in order,
        /// and the payload's size (or, when asked, its text), with secrets redacted.
        /// </summary>
        /// <param name="request">The request, signed or not.</param>
        /// <param name="includePayload">Whether to add the payload as UTF-8 text after a blank line.</param>
        public static string Describe(SigningRequest request, bool includePayload = false)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var builder = new StringBuilder();
            builder.Append(request.Method).Append(' ').Append(request.Path.Length == 0 ? "/" : request.Path);
            if (request.Query.Length > 0)
            {
                builder.Append('?').Append(RedactQuery(request.Query));
            }

            builder.Append('\n');
            foreach (var header in request.Headers)
            {
                builder.Append(header.Key).Append(": ").Append(RedactHeaderValue(header.Key, header.Value)).Append('\n');
            }

            int length = request.Payload?.Length ?? 0;
            if (includePayload && length > 0)
            {
                builder.Append('\n').Append(Encoding.UTF8.GetString(request.Payload!));
            }
            else if (length > 0)
            {
                builder.Append(string.Format(CultureInfo.InvariantCulture, "({0} payload bytes)", length));
            }

            return builder.ToString().TrimEnd('\n');
        }

        /// <summary>A header value with its secret parts redacted.</summary>
        /// <param name="name">The header name.</param>
        /// <param name="value">The header value.</param>
        public static string RedactHeaderValue(string name, string value)
        {
            if (string.Equals(name, SigV4Signer.AuthorizationHeader, StringComparison.OrdinalIgnoreCase))
            {
                return RedactAuthorization(value);
            }

            return SecretHeaders.Contains(name) ? Redacted : value;
        }

        /// <summary>
        /// An <c>Authorization</c> value with the signature redacted; a value that is not a SigV4
        /// authorization is redacted whole.
        /// </summary>
        /// <param name="authorization">The header value.</param>
        public static string RedactAuthorization(string authorization)
        {
            if (string.IsNullOrEmpty(authorization))
            {
                return string.Empty;
            }

            const string Marker = "Signature=";
            if (!authorization.StartsWith(SigV4Signer.Algorithm + " ", StringComparison.Ordinal))
            {
                return Redacted;
            }

            int at = authorization.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return Redacted;
            }

            int end = authorization.IndexOf(',', at);
            string rest = end < 0 ? string.Empty : authorization.Substring(end);
            return authorization.Substring(0, at + Marker.Length) + Redacted + rest;
        }

        /// <summary>A canonical request with the session token redacted (header line and query parameter).</summary>
        /// <param name="canonicalRequest">The canonical request.</param>
        public static string RedactCanonicalRequest(string canonicalRequest)
        {
            if (string.IsNullOrEmpty(canonicalRequest))
            {
                return string.Empty;
            }

            string[] lines = canonicalRequest.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (i == 2)
                {
                    lines[i] = RedactQuery(lines[i]);
                    continue;
                }

                int colon = lines[i].IndexOf(':');
                if (i > 2 && colon > 0 && SecretHeaders.Contains(lines[i].Substring(0, colon)))
                {
                    lines[i] = lines[i].Substring(0, colon + 1) + Redacted;
                }
            }

            return string.Join("\n", lines);
        }

        /// <summary>A raw query string with the values of secret parameters redacted.</summary>
        /// <param name="query">The query, without <c>?</c>.</param>
        public static string RedactQuery(string query)
        {
            if (string.IsNullOrEmpty(query))
            {
                return string.Empty;
            }

            string[] parts = query.Split('&');
            for (int i = 0; i < parts.Length; i++)
            {
                int eq = parts[i].IndexOf('=');
                string name = eq < 0 ? parts[i] : parts[i].Substring(0, eq);
                string decodedName = Encoding.UTF8.GetString(SigV4Signer.PercentDecode(name));
                if (eq >= 0 && SecretQueryParameters.Contains(decodedName))
                {
                    parts[i] = name + "=" + Redacted;
                }
            }

            return string.Join("&", parts);
        }
    }
}
