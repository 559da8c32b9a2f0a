using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Amazon.Runtime;
using S3Batch.Protocol.Signing;
using Xunit;

namespace S3Batch.Tests.Signing
{
    /// <summary>
    /// <see cref="SigningMode.S3"/> requests shaped like the S3 Control job operations, each
    /// cross-checked against AWSSDK.Core 4.1.0's own AWS4Signer on the same input.
    /// </summary>
    public sealed class S3ModeTests
    {
        private const string Account = "123456789012";
        private const string Host = Account + ".s3-control.us-east-1.amazonaws.com";
        private static readonly Uri Endpoint = new Uri("https://" + Host);
        private static readonly DateTime Time = new DateTime(2025, 11, 25, 9, 30, 15, DateTimeKind.Utc);
        private static readonly ImmutableCredentials Keys = new ImmutableCredentials(SigV4TestSuite.AccessKey, SigV4TestSuite.SecretKey, null);
        private static readonly ImmutableCredentials TemporaryKeys = new ImmutableCredentials(
            "ASIAEXAMPLEEXAMPLE00", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE+token/with=padding==");

        private const string CreateJobBody =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
            "<CreateJobRequest xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">" +
            "<ConfirmationRequired>false</ConfirmationRequired>" +
            "<Operation><S3PutObjectTagging><TagSet><member><Key>k</Key><Value>v</Value></member></TagSet></S3PutObjectTagging></Operation>" +
            "<Report><Enabled>false</Enabled></Report>" +
            "<ClientRequestToken>7f0c1a4e-2b7d-4c41-9c8f-2d7f0e4b7a11</ClientRequestToken>" +
            "<Manifest><Spec><Format>S3BatchOperations_CSV_20180820</Format><Fields><member>Bucket</member><member>Key</member></Fields></Spec>" +
            "<Location><ObjectArn>arn:aws:s3:::my-bucket/manifest.csv</ObjectArn><ETag>60e2ba4b4b5f7b2a8b0d5c5b2e8e5f7c</ETag></Location></Manifest>" +
            "<Priority>10</Priority><RoleArn>arn:aws:iam::123456789012:role/batch</RoleArn>" +
            "</CreateJobRequest>";

        // ListJobs' nextToken is opaque and may hold '+', '/' and '='; on the wire it is
        // percent-encoded once ('+' -> %2B, '/' -> %2F, '=' -> %3D).
        private const string NextToken = "AAEAAf+Qx/7rT9v1k2b=Zz+Q/w==";

        [Fact]
        public void CreateJobPostWithXmlBodyMatchesAwsSdk()
        {
            byte[] body = Encoding.UTF8.GetBytes(CreateJobBody);
            var headers = new[]
            {
                Header("Content-Type", "application/xml"),
                Header("x-amz-account-id", Account),
            };

            var (ours, result) = SignOurs("POST", "/v20180820/jobs", string.Empty, headers, body, Keys);
            var sdk = AwsSdkReferenceSigner.Sign("POST", Endpoint, "/v20180820/jobs", Array.Empty<KeyValuePair<string, string>>(), headers.Prepend(Header("Host", Host)), body, Keys, "us-east-1", Time);

            AssertSameAsSdk(ours, result, sdk);
            Assert.Equal(SigV4Signer.Sha256Hex(body), ours.GetHeader("x-amz-content-sha256"));
            Assert.Equal("content-type;host;x-amz-account-id;x-amz-content-sha256;x-amz-date", result.SignedHeaders);
        }

        [Fact]
        public void DescribeJobGetWithSessionTokenMatchesAwsSdk()
        {
            const string Path = "/v20180820/jobs/6f1bd2a4-7fd1-4fb7-9df9-0e3e5e6b1c31";
            var headers = new[] { Header("x-amz-account-id", Account) };

            var (ours, result) = SignOurs("GET", Path, string.Empty, headers, null, TemporaryKeys);
            var sdk = AwsSdkReferenceSigner.Sign("GET", Endpoint, Path, Array.Empty<KeyValuePair<string, string>>(), headers.Prepend(Header("Host", Host)), null, TemporaryKeys, "us-east-1", Time);

            AssertSameAsSdk(ours, result, sdk);
            Assert.Equal(TemporaryKeys.Token, ours.GetHeader("X-Amz-Security-Token"));
            Assert.Equal(SigV4Signer.EmptyPayloadSha256, ours.GetHeader("x-amz-content-sha256"));
            Assert.Contains("x-amz-security-token", result.SignedHeaders.Split(';'));
        }

        [Fact]
        public void ListJobsQueryWithRepeatedStatusAndReservedCharactersMatchesAwsSdk()
        {
            string wireQuery = "jobStatuses=Active&jobStatuses=Complete&maxResults=1000&nextToken=" + Uri.EscapeDataString(NextToken);
            Assert.Contains("%2B", wireQuery, StringComparison.Ordinal);
            Assert.Contains("%2F", wireQuery, StringComparison.Ordinal);
            Assert.Contains("%3D", wireQuery, StringComparison.Ordinal);

            var headers = new[] { Header("x-amz-account-id", Account) };
            var parameters = new[]
            {
                Header("jobStatuses", "Active"),
                Header("jobStatuses", "Complete"),
                Header("maxResults", "1000"),
                Header("nextToken", NextToken),
            };

            var (ours, result) = SignOurs("GET", "/v20180820/jobs", wireQuery, headers, null, TemporaryKeys);
            var sdk = AwsSdkReferenceSigner.Sign("GET", Endpoint, "/v20180820/jobs", parameters, headers.Prepend(Header("Host", Host)), null, TemporaryKeys, "us-east-1", Time);

            AssertSameAsSdk(ours, result, sdk);

            // A third implementation agrees: botocore 1.43.11's S3SigV4Auth on the same request
            // (URL with the query above, same headers, time and keys), recorded.
            Assert.Equal(
                "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE00/20251125/us-east-1/s3/aws4_request, " +
                "SignedHeaders=host;x-amz-account-id;x-amz-content-sha256;x-amz-date;x-amz-security-token, " +
                "Signature=b371644d058b8cbf59457a31e67e5c4ef746f89f1a51b38ddd9d79e15f795f98",
                result.Authorization);

            // Control: the SDK's signature does depend on the query, so the match above covers it.
            var sdkWithoutQuery = AwsSdkReferenceSigner.Sign("GET", Endpoint, "/v20180820/jobs", Array.Empty<KeyValuePair<string, string>>(), headers.Prepend(Header("Host", Host)), null, TemporaryKeys, "us-east-1", Time);
            Assert.NotEqual(sdkWithoutQuery.Authorization, sdk.Authorization);
            Assert.Equal(
                "jobStatuses=Active&jobStatuses=Complete&maxResults=1000&nextToken=AAEAAf%2BQx%2F7rT9v1k2b%3DZz%2BQ%2Fw%3D%3D",
                result.CanonicalRequest.Split('\n')[2]);
        }

        [Fact]
        public void EncodedPathIsSignedOnceNotTwiceAndMatchesAwsSdk()
        {
            // On the wire: encoded once. The SDK takes the raw path and encodes it once.
            var (ours, result) = SignOurs("GET", "/v20180820/jobs/a%20b~c", string.Empty, Array.Empty<KeyValuePair<string, string>>(), null, Keys);
            var sdk = AwsSdkReferenceSigner.Sign("GET", Endpoint, "/v20180820/jobs/a b~c", Array.Empty<KeyValuePair<string, string>>(), new[] { Header("Host", Host) }, null, Keys, "us-east-1", Time);

            AssertSameAsSdk(ours, result, sdk);
            Assert.Equal("/v20180820/jobs/a%20b~c", result.CanonicalRequest.Split('\n')[1]);
        }

        [Fact]
        public void S3ModeDoesNotNormaliseThePath()
        {
            var (_, s3) = SignOurs("GET", "/v20180820//jobs/./x/../y", string.Empty, Array.Empty<KeyValuePair<string, string>>(), null, Keys);
            Assert.Equal("/v20180820//jobs/./x/../y", s3.CanonicalRequest.Split('\n')[1]);

            var generic = new SigningRequest("GET", "/v20180820//jobs/./x/../y%20z");
            generic.AddHeader("Host", Host);
            var g = SigV4Signer.Sign(generic, Keys, "us-east-1", "s3", Time, SigningMode.Generic);
            Assert.Equal("/v20180820/jobs/y%2520z", g.CanonicalRequest.Split('\n')[1]);
        }

        [Fact]
        public void PrecomputedPayloadHashIsUsedAsGiven()
        {
            var request = new SigningRequest("PUT", "/v20180820/jobs/x/tagging");
            request.AddHeader("Host", Host);
            request.Payload = Encoding.UTF8.GetBytes("ignored");
            request.PayloadSha256Hex = "UNSIGNED-PAYLOAD";

            var result = SigV4Signer.Sign(request, Keys, "us-east-1", "s3", Time, SigningMode.S3);

            Assert.Equal("UNSIGNED-PAYLOAD", request.GetHeader("x-amz-content-sha256"));
            Assert.EndsWith("\nUNSIGNED-PAYLOAD", result.CanonicalRequest, StringComparison.Ordinal);
        }

        private static (SigningRequest Request, SigningResult Result) SignOurs(
            string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body, ImmutableCredentials credentials)
        {
            var request = new SigningRequest(method, path, query);
            request.AddHeader("Host", Host);
            foreach (var header in headers)
            {
                request.AddHeader(header.Key, header.Value);
            }

            request.Payload = body;
            var result = SigV4Signer.Sign(request, credentials, "us-east-1", "s3", Time, SigningMode.S3);
            return (request, result);
        }

        private static void AssertSameAsSdk(SigningRequest ours, SigningResult result, AwsSdkReferenceSigner.Output sdk)
        {
            Assert.Equal(sdk.Authorization, result.Authorization);
            Assert.Equal(sdk.Authorization, ours.GetHeader("Authorization"));
            Assert.Equal(sdk.Headers["X-Amz-Date"], ours.GetHeader("X-Amz-Date"));
            Assert.Equal(sdk.Headers["x-amz-content-sha256"], ours.GetHeader("x-amz-content-sha256"));
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + ours.GetHeader("Authorization")!.Split('=')[1].Split('/')[0] + "/20251125/us-east-1/s3/aws4_request", result.Authorization, StringComparison.Ordinal);
        }

        private static KeyValuePair<string, string> Header(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
