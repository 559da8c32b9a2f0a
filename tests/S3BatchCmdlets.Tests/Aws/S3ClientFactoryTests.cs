using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    public sealed class S3ClientFactoryTests
    {
        private static ResolvedCaller Caller(AWSCredentials credentials, string region, string? s3Url, bool fips = false, bool dualStack = false)
            => new(credentials, "test", null, null, region, "test", fips, dualStack, null, s3Url, null, null);

        [Fact]
        public void ACustomEndpointIsPathStyleAndSignedForTheRegion()
        {
            var config = S3ClientFactory.CreateConfig(Caller(new BasicAWSCredentials("A", "s"), "eu-west-1", "http://127.0.0.1:4568"));

            Assert.StartsWith("http://127.0.0.1:4568", config.ServiceURL, StringComparison.Ordinal);
            Assert.True(config.ForcePathStyle);
            Assert.Equal("eu-west-1", config.AuthenticationRegion);
            Assert.True(config.IgnoreConfiguredEndpointUrls);
        }

        [Fact]
        public void AwsEndpointsFollowTheRegionAndFlags()
        {
            var config = S3ClientFactory.CreateConfig(Caller(new BasicAWSCredentials("A", "s"), "us-gov-west-1", null, fips: true, dualStack: true));

            Assert.Equal("us-gov-west-1", config.RegionEndpoint.SystemName);
            Assert.True(config.UseFIPSEndpoint);
            Assert.True(config.UseDualstackEndpoint);
            Assert.False(config.ForcePathStyle);
        }

        [Fact]
        public void ClientsAreSharedPerCredentialsRegionAndEndpoint()
        {
            var credentials = new BasicAWSCredentials("A", "s");
            var first = S3ClientFactory.Create(Caller(credentials, "us-east-1", null));

            Assert.Same(first, S3ClientFactory.Create(Caller(credentials, "us-east-1", null)));
            Assert.NotSame(first, S3ClientFactory.Create(Caller(credentials, "us-east-2", null)));
            Assert.NotSame(first, S3ClientFactory.Create(Caller(credentials, "us-east-1", "http://127.0.0.1:1")));
            Assert.NotSame(first, S3ClientFactory.Create(Caller(credentials, "us-east-1", null, fips: true)));
            Assert.NotSame(first, S3ClientFactory.Create(Caller(new BasicAWSCredentials("A", "s"), "us-east-1", null)));
        }

        [Fact]
        public async Task RequestsGoPathStyleToTheCustomEndpoint()
        {
            using var s3 = new LocalHttpServer((_, _) => (200, string.Empty, new Dictionary<string, string> { ["ETag"] = "\"0123456789abcdef0123456789abcdef\"" }));
            var client = S3ClientFactory.Create(Caller(new BasicAWSCredentials("AKIDS3CLIENT", "s"), "eu-west-1", s3.Url));

            var response = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "my-bucket", Key = "dir/a b.txt" });

            Assert.Equal("\"0123456789abcdef0123456789abcdef\"", response.ETag);
            var request = s3.Requests.Single();
            Assert.Equal("HEAD", request.Method);
            Assert.Equal("/my-bucket/dir/a%20b.txt", request.RawUrl);
            Assert.Equal($"127.0.0.1:{s3.Port}", request.Host);
            Assert.Contains("Credential=AKIDS3CLIENT/", request.Authorization, StringComparison.Ordinal);
            Assert.Contains("/eu-west-1/s3/aws4_request", request.Authorization, StringComparison.Ordinal);
        }
    }
}
