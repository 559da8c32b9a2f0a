using System;
using System.Collections.Generic;
using System.Globalization;

namespace S3Batch.Protocol.Signing
{
    /// <summary>
    /// A transport-neutral HTTP request as the SigV4 signer sees it: method, the path and
    /// query exactly as they go on the wire, an ordered header list (a name may repeat) and
    /// the payload or its SHA-256. <see cref="SigV4Signer.Sign"/> adds its headers to it.
    /// </summary>
    /// <remarks>
    /// <see cref="ToString"/> is the redacted description of <see cref="SignedRequestFormatter"/>,
    /// so that a request that lands in a log or an error message never shows a secret.
    /// </remarks>
    internal sealed class SigningRequest
    {
        private readonly List<KeyValuePair<string, string>> _headers = new List<KeyValuePair<string, string>>();

        /// <summary>Creates a request.</summary>
        /// <param name="method">The HTTP method, for example <c>GET</c> or <c>POST</c>.</param>
        /// <param name="path">
        /// The path as it goes on the wire, already URI-encoded once (for example
        /// <c>/v20180820/jobs/abc</c>); an empty path is treated as <c>/</c>.
        /// </param>
        /// <param name="query">
        /// The raw query string as it goes on the wire, without the leading <c>?</c>;
        /// null or empty for none.
        /// </param>
        public SigningRequest(string method, string path, string? query = null)
        {
            if (string.IsNullOrEmpty(method))
            {
                throw new ArgumentException("The HTTP method must not be empty.", nameof(method));
            }

            Method = method;
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Query = query is null ? string.Empty : (query.StartsWith("?", StringComparison.Ordinal) ? query.Substring(1) : query);
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>The path as it goes on the wire (URI-encoded once).</summary>
        public string Path { get; }

        /// <summary>The raw query string as it goes on the wire, without <c>?</c>; empty for none.</summary>
        public string Query { get; }

        /// <summary>The headers in the order they are sent; a name may occur more than once.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

        /// <summary>
        /// The payload, or null for none. Ignored for the hash when <see cref="PayloadSha256Hex"/> is set.
        /// </summary>
        public byte[]? Payload { get; set; }

        /// <summary>
        /// The payload's SHA-256 as lower-case hex, when the caller has it (or a special value
        /// such as <c>UNSIGNED-PAYLOAD</c>); null to have the signer hash <see cref="Payload"/>.
        /// </summary>
        public string? PayloadSha256Hex { get; set; }

        /// <summary>Creates a request for a URI: its escaped path and query, and a <c>Host</c> header.</summary>
        /// <param name="method">The HTTP method.</param>
        /// <param name="uri">An absolute URI; its path and query are taken in their escaped form.</param>
        public static SigningRequest FromUri(string method, Uri uri)
        {
            if (uri is null)
            {
                throw new ArgumentNullException(nameof(uri));
            }

            if (!uri.IsAbsoluteUri)
            {
                throw new ArgumentException("The URI must be absolute.", nameof(uri));
            }

            string path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
            string query = uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
            var request = new SigningRequest(method, path, query);
            request.AddHeader("Host", HostHeaderValue(uri));
            return request;
        }

        /// <summary>The value of the <c>Host</c> header for a URI: the host, and the port unless it is the scheme's default.</summary>
        /// <param name="uri">An absolute URI.</param>
        public static string HostHeaderValue(Uri uri)
        {
            if (uri is null)
            {
                throw new ArgumentNullException(nameof(uri));
            }

            // Uri.Authority drops a default port and keeps IPv6 brackets.
            return uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Appends a header, keeping any earlier header of the same name.</summary>
        /// <param name="name">The header name.</param>
        /// <param name="value">The header value.</param>
        public void AddHeader(string name, string value)
        {
            ValidateName(name);
            _headers.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
        }

        /// <summary>
        /// Sets a header: the first header of that name (compared without case) takes the value in
        /// place, later ones are removed; when there is none, the header is appended.
        /// </summary>
        /// <param name="name">The header name.</param>
        /// <param name="value">The header value.</param>
        public void SetHeader(string name, string value)
        {
            ValidateName(name);
            int first = -1;
            for (int i = 0; i < _headers.Count; i++)
            {
                if (!string.Equals(_headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (first < 0)
                {
                    first = i;
                    _headers[i] = new KeyValuePair<string, string>(_headers[i].Key, value ?? string.Empty);
                }
                else
                {
                    _headers.RemoveAt(i);
                    i--;
                }
            }

            if (first < 0)
            {
                _headers.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
            }
        }

        /// <summary>Removes every header of a name (compared without case).</summary>
        /// <param name="name">The header name.</param>
        /// <returns>Whether any header was removed.</returns>
        public bool RemoveHeader(string name)
        {
            return _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) > 0;
        }

        /// <summary>The value of the first header of a name (compared without case), or null.</summary>
        /// <param name="name">The header name.</param>
        public string? GetHeader(string name)
        {
            foreach (var header in _headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }

            return null;
        }

        /// <summary>The redacted description of the request (see <see cref="SignedRequestFormatter.Describe"/>).</summary>
        public override string ToString() => SignedRequestFormatter.Describe(this);

        private static void ValidateName(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A header name must not be empty.", nameof(name));
            }

            foreach (char c in name)
            {
                if (c <= ' ' || c >= 0x7F || c == ':')
                {
                    throw new ArgumentException(
                        string.Format(CultureInfo.InvariantCulture, "The header name '{0}' holds a character that a header name cannot hold.", name),
                        nameof(name));
                }
            }
        }
    }
}
