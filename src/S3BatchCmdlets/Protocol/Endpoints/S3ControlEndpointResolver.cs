using System;
using System.Globalization;
using Amazon;
using Amazon.Runtime;

namespace S3Batch.Protocol.Endpoints
{
    /// <summary>
    /// Resolves the S3 Control endpoint of the Batch Operations job operations as AWS's
    /// endpoint rule set for S3 Control does (<c>s3control-endpoint-rule-set.json</c>) with
    /// <c>RequiresAccountId = true</c> and no Outpost, bucket, access point or ARN parameters.
    /// </summary>
    /// <remarks>
    /// <para>The rule set's branches that apply, in its order:</para>
    /// <list type="number">
    /// <item>Region not set: "Region must be set".</item>
    /// <item>UseFIPS in the partition named <c>aws-cn</c>: "Partition does not support FIPS".
    /// The rule set tests the partition's name, not its <c>supportsFIPS</c> flag, so this is the
    /// only partition refused (the ISO partitions get <c>s3-control-fips</c> hosts); it never
    /// tests dual-stack support, so no partition is refused dual-stack.</item>
    /// <item>Region <c>snow</c> with a custom endpoint: refuse dual-stack and FIPS, else
    /// <c>{scheme}://{authority}</c> (no account prefix, no path).</item>
    /// <item>Region not a DNS name (host labels joined by dots): "Invalid region" (tested first
    /// here, which gives the same outcome: see the code).</item>
    /// <item>AccountId not set, or not a host label: refused.</item>
    /// <item>Custom endpoint: dual-stack refused; else <c>{scheme}://{AccountId}.{authority}{path}</c>
    /// (FIPS does not change a custom endpoint).</item>
    /// <item>Else <c>https://{AccountId}.s3-control[-fips][.dualstack].{Region}.{dnsSuffix}</c>.</item>
    /// </list>
    /// <para>Signing: name <c>s3</c>, region the given region, double encoding disabled.</para>
    /// <para>Where this differs from the rule set, on purpose:</para>
    /// <list type="bullet">
    /// <item>A custom endpoint whose host is an IP address or <c>localhost</c> gets no
    /// <c>&lt;AccountId&gt;.</c> prefix, so that local emulators work (the interface page's one
    /// documented deviation).</item>
    /// <item>A custom endpoint that the rule set's <c>parseURL</c> rejects (not http/https, a query)
    /// is silently ignored by the rule set, which then sends the request to AWS; here it is
    /// refused with <see cref="EndpointErrorIds.EndpointInvalidUrl"/>, as are a fragment, user
    /// info and a URL that is not absolute.</item>
    /// <item>The account id must also match the model's pattern <c>^\d{12}$</c>.</item>
    /// </list>
    /// <para>The partition and its DNS suffix come from the public <see cref="RegionEndpoint"/>
    /// (<see cref="RegionEndpoint.PartitionName"/>, <see cref="RegionEndpoint.PartitionDnsSuffix"/>),
    /// which, like the rule set's <c>aws.partition</c>, matches unknown regions by each
    /// partition's region pattern and falls back to <c>aws</c>.</para>
    /// </remarks>
    internal static class S3ControlEndpointResolver
    {
        /// <summary>The partition in which the rule set refuses FIPS.</summary>
        internal const string ChinaPartition = "aws-cn";

        /// <summary>The region name the rule set gives to S3 on Snow devices.</summary>
        internal const string SnowRegion = "snow";

        private static readonly char[] AuthorityTerminators = { '/', '?', '#' };

        /// <summary>Resolves the endpoint, or throws <see cref="S3BatchEndpointException"/> saying what to change.</summary>
        /// <param name="region">The region, for example <c>us-east-1</c>.</param>
        /// <param name="useFips">Whether to use the FIPS endpoint.</param>
        /// <param name="useDualStack">Whether to use the dual-stack (IPv4 and IPv6) endpoint.</param>
        /// <param name="endpoint">A custom endpoint URL, or null for AWS's endpoint.</param>
        /// <param name="accountId">The 12-digit account id that owns the jobs.</param>
        public static S3ControlEndpoint Resolve(string? region, bool useFips, bool useDualStack, string? endpoint, string? accountId)
        {
            if (string.IsNullOrWhiteSpace(region))
            {
                throw Refuse(
                    EndpointErrorIds.EndpointRegionMissing,
                    "No AWS region is set for S3 Control. Pass -Region, run Set-DefaultAWSRegion, or set AWS_REGION.");
            }

            region = region!.Trim();
            string? custom = string.IsNullOrWhiteSpace(endpoint) ? null : endpoint!.Trim();

            // The rule set tests the region's form after the FIPS and Snow rules, but a region
            // that is not a DNS name never matches those (its partition falls back to aws), and
            // RegionEndpoint refuses to look it up: so test it first.
            if (!IsValidHostLabel(region, allowSubDomains: true))
            {
                throw Refuse(
                    EndpointErrorIds.EndpointInvalidRegion,
                    Format("The region '{0}' is not a valid DNS name. Pass a region name such as us-east-1.", region));
            }

            string partitionName;
            string dnsSuffix;
            try
            {
                RegionEndpoint regionEndpoint = RegionEndpoint.GetBySystemName(region);
                partitionName = regionEndpoint.PartitionName;
                dnsSuffix = regionEndpoint.PartitionDnsSuffix;
            }
            catch (AmazonClientException e)
            {
                throw new S3BatchEndpointException(
                    EndpointErrorIds.EndpointInvalidRegion,
                    Format("The region '{0}' is not known to AWSSDK.Core and matches no partition. Pass a region name such as us-east-1.", region),
                    e);
            }

            if (useFips && string.Equals(partitionName, ChinaPartition, StringComparison.Ordinal))
            {
                throw Refuse(
                    EndpointErrorIds.EndpointFipsNotSupported,
                    Format("The region '{0}' is in the partition '{1}', which has no FIPS endpoint for S3 Control. Unset AWS_USE_FIPS_ENDPOINT (or use_fips_endpoint in the profile).", region, partitionName));
            }

            ParsedUrl? url = custom is null ? null : ParseUrl(custom);

            if (url is not null && string.Equals(region, SnowRegion, StringComparison.Ordinal))
            {
                if (useDualStack)
                {
                    throw Refuse(
                        EndpointErrorIds.EndpointDualStackWithCustomEndpoint,
                        "S3 on Snow has no dual-stack endpoint. Unset AWS_USE_DUALSTACK_ENDPOINT (or use_dualstack_endpoint in the profile).");
                }

                if (useFips)
                {
                    throw Refuse(
                        EndpointErrorIds.EndpointFipsNotSupported,
                        "S3 on Snow has no FIPS endpoint. Unset AWS_USE_FIPS_ENDPOINT (or use_fips_endpoint in the profile).");
                }

                ValidateAccountId(accountId);
                return new S3ControlEndpoint(url.Scheme, url.Authority, string.Empty, region, null, isCustomEndpoint: true, hasAccountIdPrefix: false);
            }

            string account = ValidateAccountId(accountId);

            if (url is not null)
            {
                if (useDualStack)
                {
                    throw Refuse(
                        EndpointErrorIds.EndpointDualStackWithCustomEndpoint,
                        Format("Dual-stack cannot be used with the custom endpoint '{0}'. Unset AWS_USE_DUALSTACK_ENDPOINT (or use_dualstack_endpoint in the profile), or leave out the custom endpoint (-EndpointUrl, AWS_ENDPOINT_URL_S3_CONTROL, AWS_ENDPOINT_URL).", custom));
                }

                // Our one deviation from the rule set: local emulators answer on an IP address or
                // localhost, where an account label in front of the host cannot resolve.
                bool prefix = !url.IsIpOrLocalhost;
                string authority = prefix ? account + "." + url.Authority : url.Authority;
                return new S3ControlEndpoint(url.Scheme, authority, url.Path, region, partitionName, isCustomEndpoint: true, hasAccountIdPrefix: prefix);
            }

            string service = "s3-control" + (useFips ? "-fips" : string.Empty) + (useDualStack ? ".dualstack" : string.Empty);
            string host = account + "." + service + "." + region + "." + dnsSuffix;
            return new S3ControlEndpoint("https", host, string.Empty, region, partitionName, isCustomEndpoint: false, hasAccountIdPrefix: true);
        }

        /// <summary>
        /// The rule set's <c>isValidHostLabel</c>: 1 to 63 letters, digits and hyphens, not starting
        /// or ending with a hyphen; with <paramref name="allowSubDomains"/>, several such labels joined by dots.
        /// </summary>
        /// <param name="value">The value to test.</param>
        /// <param name="allowSubDomains">Whether dots may separate labels.</param>
        internal static bool IsValidHostLabel(string? value, bool allowSubDomains)
        {
            if (value is null)
            {
                return false;
            }

            if (allowSubDomains)
            {
                foreach (string label in value.Split('.'))
                {
                    if (!IsValidHostLabel(label, allowSubDomains: false))
                    {
                        return false;
                    }
                }

                return true;
            }

            if (value.Length < 1 || value.Length > 63 || value[0] == '-' || value[value.Length - 1] == '-')
            {
                return false;
            }

            foreach (char c in value)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static string ValidateAccountId(string? accountId)
        {
            if (string.IsNullOrWhiteSpace(accountId))
            {
                throw Refuse(
                    EndpointErrorIds.EndpointAccountIdMissing,
                    "No AWS account id is set for S3 Control. Pass -AccountId with the 12-digit id of the account that owns the jobs.");
            }

            string account = accountId!.Trim();
            bool twelveDigits = account.Length == 12;
            foreach (char c in account)
            {
                twelveDigits &= c >= '0' && c <= '9';
            }

            // The rule set only asks for a host label; the model's AccountId pattern is ^\d{12}$.
            if (!IsValidHostLabel(account, allowSubDomains: false) || !twelveDigits)
            {
                throw Refuse(
                    EndpointErrorIds.EndpointInvalidAccountId,
                    Format("The account id '{0}' is not valid. Pass -AccountId with the 12-digit id of the account that owns the jobs, for example 123456789012.", account));
            }

            return account;
        }

        private static ParsedUrl ParseUrl(string value)
        {
            S3BatchEndpointException Invalid(string why) => Refuse(
                EndpointErrorIds.EndpointInvalidUrl,
                Format("The S3 Control endpoint URL '{0}' cannot be used: {1}. Pass an absolute http or https URL such as https://s3-control.example.com or http://127.0.0.1:9000.", value, why));

            if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
            {
                throw Invalid("it is not an absolute URL");
            }

            string scheme = uri.Scheme.ToUpperInvariant() switch
            {
                "HTTP" => "http",
                "HTTPS" => "https",
                _ => throw Invalid("its scheme is not http or https"),
            };

            int start = value.IndexOf("://", StringComparison.Ordinal);
            if (start < 0)
            {
                throw Invalid("it is not an absolute URL");
            }

            string rest = value.Substring(start + 3);
            int authorityEnd = rest.IndexOfAny(AuthorityTerminators);
            string authority = authorityEnd < 0 ? rest : rest.Substring(0, authorityEnd);
            string afterAuthority = authorityEnd < 0 ? string.Empty : rest.Substring(authorityEnd);

            if (authority.Length == 0)
            {
                throw Invalid("it has no host");
            }

            if (authority.IndexOf('@') >= 0)
            {
                throw Invalid("it holds user information");
            }

            if (afterAuthority.IndexOf('?') >= 0)
            {
                throw Invalid("it has a query string");
            }

            if (afterAuthority.IndexOf('#') >= 0)
            {
                throw Invalid("it has a fragment");
            }

            bool isIpOrLocalhost = uri.HostNameType == UriHostNameType.IPv4
                || uri.HostNameType == UriHostNameType.IPv6
                || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);

            return new ParsedUrl(scheme, authority, afterAuthority, isIpOrLocalhost);
        }

        private static S3BatchEndpointException Refuse(string errorId, string message) => new S3BatchEndpointException(errorId, message);

        private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

        private sealed class ParsedUrl
        {
            public ParsedUrl(string scheme, string authority, string path, bool isIpOrLocalhost)
            {
                Scheme = scheme;
                Authority = authority;
                Path = path;
                IsIpOrLocalhost = isIpOrLocalhost;
            }

            public string Scheme { get; }

            public string Authority { get; }

            public string Path { get; }

            public bool IsIpOrLocalhost { get; }
        }
    }
}
