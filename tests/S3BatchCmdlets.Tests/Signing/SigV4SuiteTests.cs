using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime;
using S3Batch.Protocol.Signing;
using Xunit;

namespace S3Batch.Tests.Signing
{
    /// <summary>Every case of AWS's SigV4 test suite, signed in <see cref="SigningMode.Generic"/>.</summary>
    public sealed class SigV4SuiteTests
    {
        // get-vanilla-with-session-token's .creq holds this token, which its .req does not: the
        // suite signs that case with temporary credentials.
        private const string SessionTokenCaseToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

        // post-sts-header-after: the token is added after signing (services that do not sign it).
        private const string HeaderAfterCase = "post-sts-token/post-sts-header-after";

        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (string name in SigV4TestSuite.CaseNames())
            {
                data.Add(name);
            }

            return data;
        }

        [Fact]
        public void SuiteIsComplete()
        {
            // 34 cases, each with .req, .creq, .sts, .authz and .sreq, plus LICENSE and NOTICE.
            Assert.Equal(34, SigV4TestSuite.CaseNames().Count());
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(SigV4TestSuite.Root, "LICENSE")));
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(SigV4TestSuite.Root, "NOTICE")));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void CanonicalRequestStringToSignAndAuthorizationMatch(string caseName)
        {
            var (request, result) = SignCase(caseName);

            Assert.Equal(SigV4TestSuite.ReadCaseFile(caseName, ".creq"), result.CanonicalRequest);
            Assert.Equal(SigV4TestSuite.ReadCaseFile(caseName, ".sts"), result.StringToSign);
            Assert.Equal(SigV4TestSuite.ReadCaseFile(caseName, ".authz"), result.Authorization);
            Assert.Equal(SigV4TestSuite.ReadCaseFile(caseName, ".authz"), request.GetHeader("Authorization"));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void SignedRequestHasTheSuitesHeaders(string caseName)
        {
            var (request, _) = SignCase(caseName);
            if (caseName == HeaderAfterCase)
            {
                // The suite's .sreq shows the unsigned token just before Authorization.
                string authorization = request.GetHeader("Authorization")!;
                request.RemoveHeader("Authorization");
                request.AddHeader("X-Amz-Security-Token", ReadSuiteToken());
                request.AddHeader("Authorization", authorization);
            }

            var expected = SigV4TestSuite.Parse(SigV4TestSuite.ReadCaseFile(caseName, ".sreq"));

            // The Authorization value is checked against .authz above: the .sreq of
            // get-vanilla-with-session-token carries get-vanilla's signature (a defect of the
            // suite; its .authz agrees with its .sts), so only the other headers are compared here.
            static List<KeyValuePair<string, string>> WithoutAuthorization(IEnumerable<KeyValuePair<string, string>> headers) =>
                headers.Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).ToList();

            Assert.Equal(WithoutAuthorization(expected.Headers), WithoutAuthorization(request.Headers));
            Assert.Equal("Authorization", request.Headers[^1].Key);
            Assert.Equal(expected.Method, request.Method);
            Assert.Equal(expected.Path, request.Path);
            Assert.Equal(expected.Query, request.Query);
        }

        [Fact]
        public void TokenInCredentialsReplacesTheSameTokenHeader()
        {
            // post-sts-header-before: the .req carries the token header; signing with the same
            // token in the credentials must give the same signature and one header, not two.
            const string CaseName = "post-sts-token/post-sts-header-before";
            var request = SigV4TestSuite.Parse(SigV4TestSuite.ReadCaseFile(CaseName, ".req")).ToSigningRequest();
            var credentials = new ImmutableCredentials(SigV4TestSuite.AccessKey, SigV4TestSuite.SecretKey, ReadSuiteToken());

            var result = SigV4Signer.Sign(request, credentials, SigV4TestSuite.Region, SigV4TestSuite.Service, SigV4TestSuite.Time, SigningMode.Generic);

            Assert.Equal(SigV4TestSuite.ReadCaseFile(CaseName, ".authz"), result.Authorization);
            Assert.Single(request.Headers, h => h.Key.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void GenericModeAddsNoContentSha256Header()
        {
            var (request, result) = SignCase("post-x-www-form-urlencoded");
            Assert.Null(request.GetHeader("x-amz-content-sha256"));
            Assert.DoesNotContain("x-amz-content-sha256", result.SignedHeaders, StringComparison.Ordinal);
        }

        internal static (SigningRequest Request, SigningResult Result) SignCase(string caseName)
        {
            var request = SigV4TestSuite.Parse(SigV4TestSuite.ReadCaseFile(caseName, ".req")).ToSigningRequest();
            var credentials = caseName == "get-vanilla-with-session-token"
                ? new ImmutableCredentials(SigV4TestSuite.AccessKey, SigV4TestSuite.SecretKey, SessionTokenCaseToken)
                : new ImmutableCredentials(SigV4TestSuite.AccessKey, SigV4TestSuite.SecretKey, null);
            var result = SigV4Signer.Sign(request, credentials, SigV4TestSuite.Region, SigV4TestSuite.Service, SigV4TestSuite.Time, SigningMode.Generic);
            return (request, result);
        }

        private static string ReadSuiteToken()
        {
            var before = SigV4TestSuite.Parse(SigV4TestSuite.ReadCaseFile("post-sts-token/post-sts-header-before", ".req"));
            return before.Headers.Single(h => h.Key == "X-Amz-Security-Token").Value;
        }
    }
}
