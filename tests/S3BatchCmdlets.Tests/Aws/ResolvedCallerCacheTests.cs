using System;
using System.Collections.Generic;
using Amazon.Runtime;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    /// <summary>A resolution is kept while nothing it read has changed, and only so long.</summary>
    [Collection(AwsEnvironmentGroup.Name)]
    public sealed class ResolvedCallerCacheTests
    {
        private readonly AwsEnvironmentFixture _fixture;
        private readonly Dictionary<string, string?> _variables;

        public ResolvedCallerCacheTests(AwsEnvironmentFixture fixture)
        {
            _fixture = fixture;
            _fixture.WriteFiles(string.Empty, string.Empty);
            _variables = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_SHARED_CREDENTIALS_FILE"] = fixture.CredentialsPath,
                ["AWS_CONFIG_FILE"] = fixture.ConfigPath,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_ACCESS_KEY_ID"] = "AKIDCACHE",
                ["AWS_SECRET_ACCESS_KEY"] = "secret",
                ["AWS_REGION"] = "us-east-1",
            };
            ResolvedCallerCache.Clear();
        }

        private string? Env(string name) => _variables.TryGetValue(name, out var value) ? value : null;

        private ResolvedCaller Resolve(AwsCallerOptions? options = null) => ResolvedCallerCache.Resolve(options ?? new AwsCallerOptions(), Env);

        [Fact]
        public void TheSameParametersAndEnvironmentGiveTheSameResolutionAndCredentialsObject()
        {
            var first = Resolve();
            var second = Resolve();
            Assert.Same(first, second);
            Assert.Same(first.Credentials, second.Credentials);
        }

        [Fact]
        public void AVariableTheResolutionReadThatChangesIsSeenOnTheNextCall()
        {
            Assert.Equal("us-east-1", Resolve().Region);
            _variables["AWS_REGION"] = "eu-west-1";
            Assert.Equal("eu-west-1", Resolve().Region);
            _variables["AWS_ACCESS_KEY_ID"] = "AKIDOTHER";
            Assert.Equal("AKIDOTHER", Resolve().Credentials.GetCredentials().AccessKey);
            _variables["AWS_ENDPOINT_URL_S3_CONTROL"] = "http://127.0.0.1:1";
            Assert.Equal("http://127.0.0.1:1", Resolve().S3ControlEndpointUrl);
        }

        [Fact]
        public void AVariableNothingReadDoesNotResolveAgain()
        {
            var first = Resolve();
            _variables["S3BATCH_UNRELATED"] = "x";
            Assert.Same(first, Resolve());
        }

        [Fact]
        public void AProfileFileThatChangesIsReadAgain()
        {
            var location = _fixture.WriteFile("cache-profile", "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = s\nregion = eu-west-1\n");
            var options = new AwsCallerOptions { ProfileName = "work", ProfileLocation = location };
            _variables.Remove("AWS_REGION");
            var first = Resolve(options);
            Assert.Equal("eu-west-1", first.Region);
            Assert.Same(first, Resolve(new AwsCallerOptions { ProfileName = "work", ProfileLocation = location }));

            _fixture.WriteFile("cache-profile", "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = s\nregion = ap-southeast-2\n");
            Assert.Equal("ap-southeast-2", Resolve(options).Region);
        }

        [Fact]
        public void AConfigFileThatChangesIsReadAgain()
        {
            _variables.Remove("AWS_REGION");
            _fixture.WriteFiles(string.Empty, "[default]\nregion = eu-central-1\n");
            var first = Resolve();
            Assert.Equal("eu-central-1", first.Region);
            Assert.False(first.UseFips);
            Assert.Same(first, Resolve());

            _fixture.WriteFiles(string.Empty, "[default]\nregion = eu-central-2\nuse_fips_endpoint = true\n");
            var after = Resolve();
            Assert.Equal("eu-central-2", after.Region);
            Assert.True(after.UseFips);
        }

        [Fact]
        public void CredentialObjectsAreTheSameCallerOnlyWhenTheyAreTheSameObject()
        {
            var keys = new BasicAWSCredentials("AKIDONE", "s");
            var first = Resolve(new AwsCallerOptions { Credential = keys });
            Assert.Same(first, Resolve(new AwsCallerOptions { Credential = keys }));
            var other = Resolve(new AwsCallerOptions { Credential = new BasicAWSCredentials("AKIDONE", "s") });
            Assert.NotSame(first, other);
        }

        [Fact]
        public void EveryParameterIsPartOfWhatIsKept()
        {
            var plain = Resolve();
            Assert.NotSame(plain, Resolve(new AwsCallerOptions { Region = "eu-west-2" }));
            Assert.NotSame(plain, Resolve(new AwsCallerOptions { AccessKey = "AKIDLIT", SecretKey = "s" }));
            Assert.NotSame(Resolve(new AwsCallerOptions { AccessKey = "AKIDLIT", SecretKey = "s" }), Resolve(new AwsCallerOptions { AccessKey = "AKIDLIT", SecretKey = "t" }));
            Assert.NotSame(plain, Resolve(new AwsCallerOptions { StoredRegion = "eu-north-1" }));
            Assert.Equal("eu-north-1", Resolve(new AwsCallerOptions { StoredRegion = "eu-north-1" }).Region);
        }

        [Fact]
        public void AFailedResolutionIsNotKept()
        {
            var location = _fixture.WriteFile("cache-later", string.Empty);
            var options = new AwsCallerOptions { ProfileName = "later", ProfileLocation = location };
            Assert.Throws<S3BatchConfigurationException>(() => Resolve(options));
            _fixture.WriteFile("cache-later", "[later]\naws_access_key_id = AKIDLATER\naws_secret_access_key = s\n");
            Assert.Equal("later", Resolve(options).ProfileName);
        }
    }
}
