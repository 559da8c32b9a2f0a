using System;
using Amazon;
using S3Batch.Protocol.Endpoints;
using Xunit;

namespace S3Batch.Tests.Endpoints
{
    /// <summary>
    /// The S3 Control endpoint of the job operations. Expected values were produced by
    /// botocore 1.43.11's EndpointProvider evaluating ../shared/reference/s3control-endpoint-rule-set.json
    /// with botocore's partitions data and RequiresAccountId=true (recorded here; the tests do not
    /// call Python). Rows marked DEVIATION are where this module differs on purpose.
    /// </summary>
    public sealed class EndpointTests
    {
        private const string A = "123456789012";

        [Theory]
        // Commercial partition: plain, FIPS, dual-stack, both.
        [InlineData("us-east-1", false, false, null, "https://123456789012.s3-control.us-east-1.amazonaws.com", "aws")]
        [InlineData("us-west-2", false, false, null, "https://123456789012.s3-control.us-west-2.amazonaws.com", "aws")]
        [InlineData("eu-central-1", true, false, null, "https://123456789012.s3-control-fips.eu-central-1.amazonaws.com", "aws")]
        [InlineData("us-east-1", true, false, null, "https://123456789012.s3-control-fips.us-east-1.amazonaws.com", "aws")]
        [InlineData("us-east-1", false, true, null, "https://123456789012.s3-control.dualstack.us-east-1.amazonaws.com", "aws")]
        [InlineData("us-east-1", true, true, null, "https://123456789012.s3-control-fips.dualstack.us-east-1.amazonaws.com", "aws")]
        // China: its own suffix; dual-stack allowed (FIPS refused below).
        [InlineData("cn-north-1", false, false, null, "https://123456789012.s3-control.cn-north-1.amazonaws.com.cn", "aws-cn")]
        [InlineData("cn-northwest-1", false, true, null, "https://123456789012.s3-control.dualstack.cn-northwest-1.amazonaws.com.cn", "aws-cn")]
        // GovCloud.
        [InlineData("us-gov-west-1", false, false, null, "https://123456789012.s3-control.us-gov-west-1.amazonaws.com", "aws-us-gov")]
        [InlineData("us-gov-east-1", true, false, null, "https://123456789012.s3-control-fips.us-gov-east-1.amazonaws.com", "aws-us-gov")]
        [InlineData("us-gov-west-1", true, true, null, "https://123456789012.s3-control-fips.dualstack.us-gov-west-1.amazonaws.com", "aws-us-gov")]
        // ISO partitions (the rule set refuses FIPS only in aws-cn).
        [InlineData("us-iso-east-1", false, false, null, "https://123456789012.s3-control.us-iso-east-1.c2s.ic.gov", "aws-iso")]
        [InlineData("us-iso-east-1", true, false, null, "https://123456789012.s3-control-fips.us-iso-east-1.c2s.ic.gov", "aws-iso")]
        [InlineData("us-isob-east-1", false, false, null, "https://123456789012.s3-control.us-isob-east-1.sc2s.sgov.gov", "aws-iso-b")]
        [InlineData("eu-isoe-west-1", false, false, null, "https://123456789012.s3-control.eu-isoe-west-1.cloud.adc-e.uk", "aws-iso-e")]
        [InlineData("us-isof-south-1", false, false, null, "https://123456789012.s3-control.us-isof-south-1.csp.hci.ic.gov", "aws-iso-f")]
        [InlineData("eusc-de-east-1", false, false, null, "https://123456789012.s3-control.eusc-de-east-1.amazonaws.eu", "aws-eusc")]
        // Regions the rule set has no special case for: taken literally, partition by pattern or aws.
        [InlineData("aws-global", false, false, null, "https://123456789012.s3-control.aws-global.amazonaws.com", "aws")]
        [InlineData("fips-us-gov-west-1", false, false, null, "https://123456789012.s3-control.fips-us-gov-west-1.amazonaws.com", "aws")]
        [InlineData("us-east-1-fips", false, false, null, "https://123456789012.s3-control.us-east-1-fips.amazonaws.com", "aws")]
        [InlineData("ap-southeast-99", false, false, null, "https://123456789012.s3-control.ap-southeast-99.amazonaws.com", "aws")]
        [InlineData("cn-northwest-9", false, false, null, "https://123456789012.s3-control.cn-northwest-9.amazonaws.com.cn", "aws-cn")]
        [InlineData("snow", false, false, null, "https://123456789012.s3-control.snow.amazonaws.com", "aws")]
        // Custom endpoints: scheme, port and path kept, account label in front of the host; FIPS ignored.
        [InlineData("us-east-1", false, false, "https://example.com", "https://123456789012.example.com", "aws")]
        [InlineData("us-east-1", false, false, "https://example.com:8443", "https://123456789012.example.com:8443", "aws")]
        [InlineData("us-east-1", false, false, "https://example.com/prefix", "https://123456789012.example.com/prefix", "aws")]
        [InlineData("us-east-1", false, false, "http://example.com:8080/a/b/", "http://123456789012.example.com:8080/a/b/", "aws")]
        [InlineData("us-east-1", true, false, "https://example.com", "https://123456789012.example.com", "aws")]
        [InlineData("eu-west-1", false, false, "https://example.com", "https://123456789012.example.com", "aws")]
        // DEVIATION: no account label for an IP address or localhost (the rule set gives http://123456789012.127.0.0.1:9000 etc.).
        [InlineData("us-east-1", false, false, "http://127.0.0.1:9000", "http://127.0.0.1:9000", "aws")]
        [InlineData("us-east-1", false, false, "http://localhost:9000", "http://localhost:9000", "aws")]
        [InlineData("us-east-1", false, false, "http://LOCALHOST:9000/emu/", "http://LOCALHOST:9000/emu/", "aws")]
        [InlineData("us-east-1", false, false, "http://[::1]:9000", "http://[::1]:9000", "aws")]
        [InlineData("us-east-1", true, false, "http://127.0.0.1", "http://127.0.0.1", "aws")]
        // S3 on Snow with a custom endpoint: scheme and authority only, no account label, no path.
        [InlineData("snow", false, false, "http://10.0.0.1:8080/path", "http://10.0.0.1:8080", null)]
        public void ResolvesAsTheRuleSet(string region, bool fips, bool dualStack, string? endpoint, string expectedUrl, string? partition)
        {
            var resolved = S3ControlEndpointResolver.Resolve(region, fips, dualStack, endpoint, A);

            Assert.Equal(expectedUrl, resolved.Url);
            Assert.Equal(new Uri(expectedUrl), resolved.BaseUri);
            Assert.Equal(region, resolved.SigningRegion);
            Assert.Equal("s3", resolved.SigningName);
            Assert.True(resolved.DisableDoubleEncoding);
            Assert.Equal(partition, resolved.PartitionName);
            Assert.Equal(endpoint is not null, resolved.IsCustomEndpoint);
            Assert.Equal(expectedUrl.Contains("//" + A + ".", StringComparison.Ordinal), resolved.HasAccountIdPrefix);
        }

        [Theory]
        [InlineData(null, false, false, null, A, EndpointErrorIds.EndpointRegionMissing)]
        [InlineData("", false, false, null, A, EndpointErrorIds.EndpointRegionMissing)]
        [InlineData("  ", false, false, "http://127.0.0.1:9000", A, EndpointErrorIds.EndpointRegionMissing)]
        [InlineData("us east 1", false, false, null, A, EndpointErrorIds.EndpointInvalidRegion)]
        [InlineData("us-east-1.", false, false, null, A, EndpointErrorIds.EndpointInvalidRegion)]
        [InlineData("cn-north-1", true, false, null, A, EndpointErrorIds.EndpointFipsNotSupported)]
        [InlineData("cn-north-1", true, true, null, A, EndpointErrorIds.EndpointFipsNotSupported)]
        [InlineData("cn-north-1", true, false, "https://example.com", A, EndpointErrorIds.EndpointFipsNotSupported)]
        [InlineData("us-east-1", false, true, "https://example.com", A, EndpointErrorIds.EndpointDualStackWithCustomEndpoint)]
        [InlineData("us-east-1", false, true, "http://127.0.0.1:9000", A, EndpointErrorIds.EndpointDualStackWithCustomEndpoint)]
        [InlineData("snow", false, true, "http://10.0.0.1:8080", A, EndpointErrorIds.EndpointDualStackWithCustomEndpoint)]
        [InlineData("snow", true, false, "http://10.0.0.1:8080", A, EndpointErrorIds.EndpointFipsNotSupported)]
        [InlineData("us-east-1", false, false, null, null, EndpointErrorIds.EndpointAccountIdMissing)]
        [InlineData("us-east-1", false, false, null, "", EndpointErrorIds.EndpointAccountIdMissing)]
        [InlineData("us-east-1", false, false, null, "12345678901a-", EndpointErrorIds.EndpointInvalidAccountId)]
        [InlineData("us-east-1", false, false, null, "bad_id", EndpointErrorIds.EndpointInvalidAccountId)]
        [InlineData("us-east-1", false, false, "https://example.com", "bad.id", EndpointErrorIds.EndpointInvalidAccountId)]
        // DEVIATION: the rule set accepts any host label; the model's AccountId pattern is ^\d{12}$.
        [InlineData("us-east-1", false, false, null, "12345", EndpointErrorIds.EndpointInvalidAccountId)]
        [InlineData("us-east-1", false, false, null, "1234567890123", EndpointErrorIds.EndpointInvalidAccountId)]
        [InlineData("us-east-1", false, false, null, "abcdefghijkl", EndpointErrorIds.EndpointInvalidAccountId)]
        // DEVIATION: the rule set ignores a URL its parseURL rejects and falls back to AWS's endpoint.
        [InlineData("us-east-1", false, false, "https://example.com?x=1", A, EndpointErrorIds.EndpointInvalidUrl)]
        [InlineData("us-east-1", false, false, "ftp://example.com", A, EndpointErrorIds.EndpointInvalidUrl)]
        [InlineData("us-east-1", false, false, "example.com", A, EndpointErrorIds.EndpointInvalidUrl)]
        [InlineData("us-east-1", false, false, "https://example.com/#frag", A, EndpointErrorIds.EndpointInvalidUrl)]
        [InlineData("us-east-1", false, false, "https://user:pass@example.com", A, EndpointErrorIds.EndpointInvalidUrl)]
        public void RefusesWithAStableErrorId(string? region, bool fips, bool dualStack, string? endpoint, string? account, string errorId)
        {
            var error = Assert.Throws<S3BatchEndpointException>(() => S3ControlEndpointResolver.Resolve(region, fips, dualStack, endpoint, account));
            Assert.Equal(errorId, error.ErrorId);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        [Theory]
        [InlineData(EndpointErrorIds.EndpointRegionMissing, null, false, false, null, A, "-Region")]
        [InlineData(EndpointErrorIds.EndpointFipsNotSupported, "cn-north-1", true, false, null, A, "AWS_USE_FIPS_ENDPOINT")]
        [InlineData(EndpointErrorIds.EndpointDualStackWithCustomEndpoint, "us-east-1", false, true, "https://example.com", A, "AWS_USE_DUALSTACK_ENDPOINT")]
        [InlineData(EndpointErrorIds.EndpointInvalidAccountId, "us-east-1", false, false, null, "12", "-AccountId")]
        [InlineData(EndpointErrorIds.EndpointInvalidUrl, "us-east-1", false, false, "ftp://x", A, "http")]
        public void MessagesSayWhatToChange(string errorId, string? region, bool fips, bool dualStack, string? endpoint, string account, string hint)
        {
            var error = Assert.Throws<S3BatchEndpointException>(() => S3ControlEndpointResolver.Resolve(region, fips, dualStack, endpoint, account));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("https://123456789012.s3-control.us-east-1.amazonaws.com", null, "/v20180820/jobs", null, "https://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/jobs")]
        [InlineData("https://example.com/prefix/", "https://example.com/prefix/", "/v20180820/jobs/abc", null, "https://123456789012.example.com/prefix/v20180820/jobs/abc")]
        [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000", "/v20180820/jobs", "maxResults=1000&nextToken=a%2Bb", "http://127.0.0.1:9000/v20180820/jobs?maxResults=1000&nextToken=a%2Bb")]
        public void RequestUrisJoinTheBasePathAndTheOperationPath(string _, string? endpoint, string path, string? query, string expected)
        {
            var resolved = S3ControlEndpointResolver.Resolve("us-east-1", false, false, endpoint, A);
            Assert.Equal(expected, resolved.GetRequestUri(path, query).AbsoluteUri);
        }

        [Theory]
        [InlineData("us-east-1", "aws", "amazonaws.com")]
        [InlineData("cn-north-1", "aws-cn", "amazonaws.com.cn")]
        [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
        [InlineData("us-iso-east-1", "aws-iso", "c2s.ic.gov")]
        [InlineData("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov")]
        public void PartitionsComeFromRegionEndpoint(string region, string partition, string suffix)
        {
            // The public AWSSDK.Core API the resolver relies on (same values as botocore's partitions.json).
            var regionEndpoint = RegionEndpoint.GetBySystemName(region);
            Assert.Equal(partition, regionEndpoint.PartitionName);
            Assert.Equal(suffix, regionEndpoint.PartitionDnsSuffix);
        }

        [Theory]
        [InlineData("us-east-1", true, true)]
        [InlineData("a.b-c.d", false, true)]
        [InlineData("-a", false, false)]
        [InlineData("a-", false, false)]
        [InlineData("a.b", false, true)]
        [InlineData("a..b", false, false)]
        [InlineData("a_b", false, false)]
        [InlineData("", false, false)]
        public void HostLabelRule(string value, bool asLabel, bool asSubDomains)
        {
            Assert.Equal(asLabel, S3ControlEndpointResolver.IsValidHostLabel(value, allowSubDomains: false));
            Assert.Equal(asSubDomains, S3ControlEndpointResolver.IsValidHostLabel(value, allowSubDomains: true));
        }
    }
}
