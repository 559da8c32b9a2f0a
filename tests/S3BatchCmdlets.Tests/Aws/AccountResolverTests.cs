using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    public sealed class AccountResolverTests
    {
        private const string Identity =
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/tester</Arn><UserId>AIDATESTER</UserId><Account>111122223333</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>0f6b4a3e-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
            + "</GetCallerIdentityResponse>";

        private const string InvalidToken =
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error>"
            + "<RequestId>0f6b4a3e-0000-0000-0000-000000000001</RequestId></ErrorResponse>";

        private static ResolvedCaller Caller(AWSCredentials credentials, string? stsUrl, string? accountId = null)
            => new(credentials, "test", null, null, "us-west-2", "test", false, false, null, null, stsUrl, accountId);

        private static string UniqueKey(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

        [Fact]
        public async Task AskedOncePerAccessKey()
        {
            using var sts = new LocalHttpServer((_, _) => (200, Identity, null));
            var key = UniqueKey("AKIDONCE");

            var first = await AccountResolver.GetAccountIdAsync(Caller(new BasicAWSCredentials(key, "s"), sts.Url), CancellationToken.None);
            var second = await AccountResolver.GetAccountIdAsync(Caller(new BasicAWSCredentials(key, "s"), sts.Url), CancellationToken.None);

            Assert.Equal("111122223333", first);
            Assert.Equal("111122223333", second);
            Assert.Equal(1, sts.Count);

            var request = sts.Requests.Single();
            Assert.Equal("POST", request.Method);
            Assert.Contains("Action=GetCallerIdentity", request.Body, StringComparison.Ordinal);
            Assert.Contains($"Credential={key}/", request.Authorization, StringComparison.Ordinal);
            Assert.Contains("/us-west-2/sts/aws4_request", request.Authorization, StringComparison.Ordinal);

            // Another key is another question.
            await AccountResolver.GetAccountIdAsync(Caller(new BasicAWSCredentials(UniqueKey("AKIDOTHER"), "s"), sts.Url), CancellationToken.None);
            Assert.Equal(2, sts.Count);
        }

        [Fact]
        public async Task ConcurrentLookupsShareOneCall()
        {
            using var sts = new LocalHttpServer((_, _) =>
            {
                Thread.Sleep(200);
                return (200, Identity, null);
            });
            var key = UniqueKey("AKIDCONCURRENT");

            var lookups = Enumerable.Range(0, 8)
                .Select(_ => Task.Run(() => AccountResolver.GetAccountIdAsync(Caller(new BasicAWSCredentials(key, "s"), sts.Url), CancellationToken.None)))
                .ToArray();
            var accounts = await Task.WhenAll(lookups);

            Assert.All(accounts, a => Assert.Equal("111122223333", a));
            Assert.Equal(1, sts.Count);
        }

        [Fact]
        public async Task AFailedLookupIsNotRemembered()
        {
            using var sts = new LocalHttpServer((_, n) => n == 1 ? (403, InvalidToken, null) : (200, Identity, null));
            var key = UniqueKey("AKIDFAIL");

            var e = await Assert.ThrowsAsync<S3BatchConfigurationException>(
                () => AccountResolver.GetAccountIdAsync(Caller(new BasicAWSCredentials(key, "verysecret"), sts.Url), CancellationToken.None));
            Assert.Equal(AwsErrorIds.AccountLookupFailed, e.ErrorId);
            Assert.Contains("InvalidClientTokenId", e.Message, StringComparison.Ordinal);
            Assert.Contains("-AccountId", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("verysecret", e.Message, StringComparison.Ordinal);

            var account = await AccountResolver.GetAccountIdAsync(Caller(new BasicAWSCredentials(key, "verysecret"), sts.Url), CancellationToken.None);
            Assert.Equal("111122223333", account);
            Assert.Equal(2, sts.Count);
        }

        [Fact]
        public async Task AnExplicitAccountIdAsksNothing()
        {
            using var sts = new LocalHttpServer((_, _) => (200, Identity, null));

            var account = await AccountResolver.GetAccountIdAsync(
                Caller(new BasicAWSCredentials(UniqueKey("AKIDEXPLICIT"), "s"), sts.Url, accountId: "444455556666"),
                CancellationToken.None);

            Assert.Equal("444455556666", account);
            Assert.Equal(0, sts.Count);
        }

        [Fact]
        public void WithoutAnEndpointTheRegionalStsEndpointIsUsed()
        {
            var config = AccountResolver.CreateConfig(
                new ResolvedCaller(new BasicAWSCredentials("A", "s"), "test", null, null, "eu-west-1", "test", true, false, null, null, null, null));

            Assert.Null(config.ServiceURL);
            Assert.Equal("eu-west-1", config.RegionEndpoint.SystemName);
            Assert.True(config.UseFIPSEndpoint);
            Assert.True(config.IgnoreConfiguredEndpointUrls);
        }
    }
}
