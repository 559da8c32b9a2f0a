using System;
using System.Linq;
using System.Text;
using Amazon.Runtime;
using S3Batch.Protocol.Signing;
using Xunit;

namespace S3Batch.Tests.Signing
{
    /// <summary>Canonicalisation details, re-signing, argument checks and redaction.</summary>
    public sealed class SignerBehaviourTests
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private const string Token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN+abc/def==";
        private static readonly DateTime Time = new DateTime(2025, 11, 25, 9, 30, 15, DateTimeKind.Utc);

        [Theory]
        [InlineData("", "")]
        [InlineData("a=", "a=")]
        [InlineData("a", "a=")]
        [InlineData("b=2&a=1&a=0", "a=0&a=1&b=2")]
        [InlineData("a=%2b&a=+", "a=%2B&a=%2B")]
        [InlineData("k=%7e%41", "k=~A")]
        [InlineData("k=a b", "k=a%20b")]
        [InlineData("k=100%", "k=100%25")]
        [InlineData("&&k=v&", "k=v")]
        [InlineData("t=a%2Fb%3D%3D", "t=a%2Fb%3D%3D")]
        [InlineData("%E1%88%B4=1&Z=2&a=3", "%E1%88%B4=1&Z=2&a=3")]
        public void QueryIsDecodedReencodedAndSorted(string query, string expected)
        {
            Assert.Equal(expected, SigV4Signer.CanonicalQueryString(query));
        }

        [Fact]
        public void HeaderValuesAreTrimmedCollapsedAndRepeatedNamesJoinedInOrder()
        {
            var request = new SigningRequest("GET", "/");
            request.AddHeader("Host", "example.com");
            request.AddHeader("X-B", "  two   words ");
            request.AddHeader("x-a", "1");
            request.AddHeader("X-A", "2");
            request.AddHeader("User-Agent", "not signed");

            SigV4Signer.CanonicalizeHeaders(request.Headers, out string canonical, out string signed);

            Assert.Equal("host:example.com\nx-a:1,2\nx-b:two words\n", canonical);
            Assert.Equal("host;x-a;x-b", signed);
        }

        [Fact]
        public void SigningTwiceReplacesTheSigningHeaders()
        {
            var request = NewRequest();
            var credentials = new ImmutableCredentials("AKIDEXAMPLE", Secret, Token);
            var first = SigV4Signer.Sign(request, credentials, "us-east-1", "s3", Time, SigningMode.S3);
            var second = SigV4Signer.Sign(request, credentials, "us-east-1", "s3", Time, SigningMode.S3);

            Assert.Equal(first.Authorization, second.Authorization);
            foreach (string name in new[] { "Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token" })
            {
                Assert.Single(request.Headers, h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            }
        }

        [Fact]
        public void LocalTimeIsConvertedToUtc()
        {
            var a = SigV4Signer.Sign(NewRequest(), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "s3", Time, SigningMode.S3);
            var b = SigV4Signer.Sign(NewRequest(), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "s3", Time.ToLocalTime(), SigningMode.S3);
            Assert.Equal("20251125T093015Z", a.AmzDate);
            Assert.Equal(a.Authorization, b.Authorization);
        }

        [Fact]
        public void MissingHostOrKeysAreRefused()
        {
            var keys = new ImmutableCredentials("AKIDEXAMPLE", Secret, null);
            Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(new SigningRequest("GET", "/"), keys, "us-east-1", "s3", Time, SigningMode.S3));
            Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(NewRequest(), keys, "", "s3", Time, SigningMode.S3));
            Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(NewRequest(), keys, "us-east-1", "", Time, SigningMode.S3));
            Assert.Throws<ArgumentNullException>(() => SigV4Signer.Sign(NewRequest(), null!, "us-east-1", "s3", Time, SigningMode.S3));
        }

        [Fact]
        public void FromUriTakesTheEscapedPathQueryAndHostWithPort()
        {
            var request = SigningRequest.FromUri("GET", new Uri("http://127.0.0.1:9000/v20180820/jobs?maxResults=10&nextToken=a%2Bb"));
            Assert.Equal("/v20180820/jobs", request.Path);
            Assert.Equal("maxResults=10&nextToken=a%2Bb", request.Query);
            Assert.Equal("127.0.0.1:9000", request.GetHeader("Host"));
            Assert.Equal("example.com", SigningRequest.HostHeaderValue(new Uri("https://example.com:443/")));
        }

        [Fact]
        public void DescriptionsNeverShowTheSignatureOrTheToken()
        {
            var request = NewRequest();
            request.Payload = Encoding.UTF8.GetBytes("<x/>");
            var result = SigV4Signer.Sign(request, new ImmutableCredentials("AKIDEXAMPLE", Secret, Token), "us-east-1", "s3", Time, SigningMode.S3);

            string described = SignedRequestFormatter.Describe(request, includePayload: true);
            string[] outputs =
            {
                described,
                request.ToString(),
                result.ToString(),
                SignedRequestFormatter.RedactCanonicalRequest(result.CanonicalRequest),
            };

            foreach (string output in outputs)
            {
                Assert.DoesNotContain(result.Signature, output, StringComparison.Ordinal);
                Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
                Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
            }

            Assert.Contains("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251125/us-east-1/s3/aws4_request, SignedHeaders=", described, StringComparison.Ordinal);
            Assert.Contains("Signature=<redacted>", described, StringComparison.Ordinal);
            Assert.Contains("X-Amz-Security-Token: <redacted>", described, StringComparison.Ordinal);
            Assert.Contains("x-amz-security-token:<redacted>", SignedRequestFormatter.RedactCanonicalRequest(result.CanonicalRequest), StringComparison.Ordinal);
            Assert.StartsWith("POST /v20180820/jobs\nHost: ", described, StringComparison.Ordinal);
            Assert.EndsWith("\n\n<x/>", described, StringComparison.Ordinal);

            // The canonical request (for tests and SignatureDoesNotMatch diagnosis) holds the token in clear.
            Assert.Contains(Token, result.CanonicalRequest, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Basic dXNlcjpwYXNz", "<redacted>")]
        [InlineData("AWS4-HMAC-SHA256 Credential=A/s, SignedHeaders=host, Signature=abc", "AWS4-HMAC-SHA256 Credential=A/s, SignedHeaders=host, Signature=<redacted>")]
        [InlineData("AWS4-HMAC-SHA256 garbled", "<redacted>")]
        public void AuthorizationRedaction(string value, string expected)
        {
            Assert.Equal(expected, SignedRequestFormatter.RedactAuthorization(value));
        }

        [Fact]
        public void PresignedQuerySecretsAreRedacted()
        {
            string redacted = SignedRequestFormatter.RedactQuery("X-Amz-Credential=AKID%2F20251125&X-Amz-Signature=abcdef&x-amz-security-token=tok&a=b");
            Assert.Equal("X-Amz-Credential=AKID%2F20251125&X-Amz-Signature=<redacted>&x-amz-security-token=<redacted>&a=b", redacted);
        }

        [Fact]
        public void HeaderListKeepsOrderAndRepeats()
        {
            var request = new SigningRequest("GET", "/", "?a=1");
            Assert.Equal("a=1", request.Query);
            request.AddHeader("A", "1");
            request.AddHeader("B", "2");
            request.AddHeader("a", "3");
            request.SetHeader("A", "x");
            Assert.Equal("A:x|B:2", string.Join("|", request.Headers.Select(h => h.Key + ":" + h.Value)));
            Assert.Throws<ArgumentException>(() => request.AddHeader("Bad Name", "v"));
        }

        private static SigningRequest NewRequest()
        {
            var request = new SigningRequest("POST", "/v20180820/jobs");
            request.AddHeader("Host", "123456789012.s3-control.us-east-1.amazonaws.com");
            request.AddHeader("x-amz-account-id", "123456789012");
            return request;
        }
    }
}
