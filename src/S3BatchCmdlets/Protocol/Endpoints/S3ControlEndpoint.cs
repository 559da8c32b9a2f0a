using System;

namespace S3Batch.Protocol.Endpoints
{
    /// <summary>
    /// A resolved S3 Control endpoint for the job operations: where to send them and how to sign them.
    /// </summary>
    internal sealed class S3ControlEndpoint
    {
        internal S3ControlEndpoint(
            string scheme,
            string authority,
            string basePath,
            string signingRegion,
            string? partitionName,
            bool isCustomEndpoint,
            bool hasAccountIdPrefix)
        {
            Scheme = scheme;
            Authority = authority;
            BasePath = basePath;
            SigningRegion = signingRegion;
            PartitionName = partitionName;
            IsCustomEndpoint = isCustomEndpoint;
            HasAccountIdPrefix = hasAccountIdPrefix;
            Url = scheme + "://" + authority + basePath;
            BaseUri = new Uri(Url, UriKind.Absolute);
        }

        /// <summary>
        /// The endpoint URL exactly as the rule set writes it, for example
        /// <c>https://123456789012.s3-control.us-east-1.amazonaws.com</c> (no trailing slash unless
        /// a custom endpoint's path has one).
        /// </summary>
        public string Url { get; }

        /// <summary><see cref="Url"/> as a <see cref="Uri"/>.</summary>
        public Uri BaseUri { get; }

        /// <summary><c>https</c>, or a custom endpoint's <c>http</c>/<c>https</c>.</summary>
        public string Scheme { get; }

        /// <summary>The host (with the <c>&lt;AccountId&gt;.</c> prefix where it applies) and any port, as written.</summary>
        public string Authority { get; }

        /// <summary>A custom endpoint's path (empty for AWS's endpoints), as written.</summary>
        public string BasePath { get; }

        /// <summary>The SigV4 signing region (the region given).</summary>
        public string SigningRegion { get; }

        /// <summary>The SigV4 signing name: always <c>s3</c> for S3 Control.</summary>
        public string SigningName { get; } = "s3";

        /// <summary>
        /// The rule set signs with <c>disableDoubleEncoding</c>: S3 Control requests are signed in S3's mode.
        /// </summary>
        public bool DisableDoubleEncoding { get; } = true;

        /// <summary>The partition of the region (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...), or null for S3 on Snow.</summary>
        public string? PartitionName { get; }

        /// <summary>Whether the endpoint came from a custom URL.</summary>
        public bool IsCustomEndpoint { get; }

        /// <summary>Whether the host carries the <c>&lt;AccountId&gt;.</c> prefix.</summary>
        public bool HasAccountIdPrefix { get; }

        /// <summary>
        /// The URI of an operation: the endpoint's path without its trailing slash, then the
        /// operation's path (for example <c>/v20180820/jobs</c>), then the query if any.
        /// </summary>
        /// <param name="operationPath">The operation's path, URI-encoded, starting with <c>/</c>.</param>
        /// <param name="query">The encoded query string without <c>?</c>, or null.</param>
        public Uri GetRequestUri(string operationPath, string? query = null)
        {
            if (operationPath is null)
            {
                throw new ArgumentNullException(nameof(operationPath));
            }

            if (!operationPath.StartsWith("/", StringComparison.Ordinal))
            {
                operationPath = "/" + operationPath;
            }

            string url = Scheme + "://" + Authority + BasePath.TrimEnd('/') + operationPath;
            if (!string.IsNullOrEmpty(query))
            {
                url += "?" + query;
            }

            return new Uri(url, UriKind.Absolute);
        }

        /// <summary>The endpoint URL and its signing region.</summary>
        public override string ToString() => Url + " (signing region " + SigningRegion + ")";
    }
}
