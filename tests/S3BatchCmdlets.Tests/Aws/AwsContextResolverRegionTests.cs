using System;
using Amazon;
using Amazon.Runtime;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    [Collection(AwsEnvironmentGroup.Name)]
    public sealed class AwsContextResolverRegionTests
    {
        private readonly AwsEnvironmentFixture _fixture;

        public AwsContextResolverRegionTests(AwsEnvironmentFixture fixture)
        {
            _fixture = fixture;
            _fixture.WriteFiles(string.Empty, string.Empty);
        }

        private static AwsCallerOptions Keys() => new() { AccessKey = "AKIDREGION", SecretKey = "s" };

        private string ProfileFile(string region)
            => _fixture.WriteFile("region-profile", $"[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = s\nregion = {region}\n");

        public sealed class RegionHolder
        {
            public object? Region { get; set; }
        }

        [Fact]
        public void RegionParameterComesFirst()
        {
            var options = new AwsCallerOptions { ProfileName = "work", ProfileLocation = ProfileFile("eu-west-1"), Region = "ca-central-1", StoredRegion = "eu-west-3" };

            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-west-2")));

            Assert.Equal("ca-central-1", caller.Region);
            Assert.Equal("-Region", caller.RegionSource);
        }

        [Theory]
        [InlineData("string")]
        [InlineData("RegionEndpoint")]
        [InlineData("object with string")]
        [InlineData("object with RegionEndpoint")]
        public void StoredRegionComesBeforeTheProfile(string shape)
        {
            object stored = shape switch
            {
                "string" => "eu-west-3",
                "RegionEndpoint" => RegionEndpoint.EUWest3,
                "object with string" => new RegionHolder { Region = "eu-west-3" },
                _ => new RegionHolder { Region = RegionEndpoint.EUWest3 },
            };
            var options = new AwsCallerOptions { ProfileName = "work", ProfileLocation = ProfileFile("eu-west-1"), StoredRegion = stored };

            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-west-2")));

            Assert.Equal("eu-west-3", caller.Region);
            Assert.Equal("$StoredAWSRegion", caller.RegionSource);
        }

        [Fact]
        public void StoredRegionOfTheWrongTypeFails()
        {
            var options = Keys();
            options.StoredRegion = new RegionHolder { Region = 42 };
            AwsAssert.Fails(AwsErrorIds.InvalidRegionObject, () => AwsContextResolver.Resolve(options, _fixture.Env()));
        }

        [Fact]
        public void BlankStoredRegionIsSkipped()
        {
            var options = Keys();
            options.StoredRegion = " ";
            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-west-2")));
            Assert.Equal("us-west-2", caller.Region);
        }

        [Fact]
        public void ProfileRegionComesBeforeTheEnvironment()
        {
            var caller = AwsContextResolver.Resolve(
                new AwsCallerOptions { ProfileName = "work", ProfileLocation = ProfileFile("eu-west-1") },
                _fixture.Env(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "us-east-2")));

            Assert.Equal("eu-west-1", caller.Region);
            Assert.Equal("profile 'work'", caller.RegionSource);
        }

        [Fact]
        public void AwsRegionComesBeforeAwsDefaultRegion()
        {
            var caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "us-east-2")));
            Assert.Equal("us-west-2", caller.Region);
            Assert.Equal("AWS_REGION", caller.RegionSource);

            caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_DEFAULT_REGION", "us-east-2")));
            Assert.Equal("us-east-2", caller.Region);
            Assert.Equal("AWS_DEFAULT_REGION", caller.RegionSource);
        }

        [Fact]
        public void WithoutAProfileInUseTheDefaultProfileRegionComesAfterTheEnvironment()
        {
            Assert.True(_fixture.SdkReadsOurConfigFile, "AWSSDK.Core read AWS_CONFIG_FILE before the test's module initializer ran.");
            _fixture.WriteFiles(string.Empty, "[default]\nregion = me-south-1\n");

            var caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_DEFAULT_REGION", "us-east-2")));
            Assert.Equal("us-east-2", caller.Region);
            Assert.Null(caller.ProfileName);

            caller = AwsContextResolver.Resolve(Keys(), _fixture.Env());
            Assert.Equal("me-south-1", caller.Region);
            Assert.Equal("profile 'default'", caller.RegionSource);
            Assert.Null(caller.ProfileName);
        }

        [Fact]
        public void NoRegionFails()
        {
            var e = AwsAssert.Fails(AwsErrorIds.RegionNotFound, () => AwsContextResolver.Resolve(Keys(), _fixture.Env()));
            Assert.Equal("No AWS region was found. Pass -Region, run Set-DefaultAWSRegion, or set AWS_REGION.", e.Message);
        }

        [Theory]
        [InlineData("US East 1")]
        [InlineData("us_east_1")]
        [InlineData("-us-east-1")]
        public void InvalidRegionFails(string region)
        {
            var options = Keys();
            options.Region = region;
            AwsAssert.Fails(AwsErrorIds.InvalidRegion, () => AwsContextResolver.Resolve(options, _fixture.Env()));
        }

        [Fact]
        public void RegionIsTrimmedAndLowercased()
        {
            var options = Keys();
            options.Region = " EU-West-1 ";
            Assert.Equal("eu-west-1", AwsContextResolver.Resolve(options, _fixture.Env()).Region);
        }

        [Fact]
        public void FipsAndDualStackAreOffByDefault()
        {
            var caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-east-1")));
            Assert.False(caller.UseFips);
            Assert.False(caller.UseDualStack);
        }

        [Fact]
        public void FipsAndDualStackFromTheEnvironment()
        {
            var caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-east-1"), ("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE")));
            Assert.True(caller.UseFips);
            Assert.True(caller.UseDualStack);
        }

        [Fact]
        public void FipsAndDualStackFromTheProfileInUse()
        {
            var profileFile = _fixture.WriteFile(
                "fips-profile",
                "[fips]\naws_access_key_id = AKIDFIPS\naws_secret_access_key = s\nregion = us-gov-west-1\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n");

            var caller = AwsContextResolver.Resolve(new AwsCallerOptions { ProfileName = "fips", ProfileLocation = profileFile }, _fixture.Env());
            Assert.True(caller.UseFips);
            Assert.True(caller.UseDualStack);
            Assert.Equal("us-gov-west-1", caller.Region);

            // The environment comes before the profile, as in the SDK.
            caller = AwsContextResolver.Resolve(
                new AwsCallerOptions { ProfileName = "fips", ProfileLocation = profileFile },
                _fixture.Env(("AWS_USE_FIPS_ENDPOINT", "false"), ("AWS_USE_DUALSTACK_ENDPOINT", "false")));
            Assert.False(caller.UseFips);
            Assert.False(caller.UseDualStack);
        }

        [Fact]
        public void FipsFromTheDefaultProfileWhenNoProfileIsInUse()
        {
            Assert.True(_fixture.SdkReadsOurConfigFile, "AWSSDK.Core read AWS_CONFIG_FILE before the test's module initializer ran.");
            _fixture.WriteFiles(string.Empty, "[default]\nuse_fips_endpoint = true\n");

            var caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-east-1")));
            Assert.True(caller.UseFips);
            Assert.False(caller.UseDualStack);
        }

        [Theory]
        [InlineData("AWS_USE_FIPS_ENDPOINT")]
        [InlineData("AWS_USE_DUALSTACK_ENDPOINT")]
        public void InvalidEndpointFlagFails(string variable)
        {
            var e = AwsAssert.Fails(AwsErrorIds.InvalidEndpointSetting, () => AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-east-1"), (variable, "yes"))));
            Assert.Contains(variable, e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("http://param:1", "http://s3control:2", "http://all:3", "http://param:1")]
        [InlineData(null, "http://s3control:2", "http://all:3", "http://s3control:2")]
        [InlineData(null, null, "http://all:3", "http://all:3")]
        [InlineData(null, null, null, null)]
        public void S3ControlEndpointPrecedence(string? parameter, string? specific, string? general, string? expected)
        {
            var options = Keys();
            options.EndpointUrl = parameter;
            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_S3_CONTROL", specific), ("AWS_ENDPOINT_URL", general), ("AWS_ENDPOINT_URL_S3", "http://s3-only:9")));
            Assert.Equal(expected, caller.S3ControlEndpointUrl);
        }

        [Theory]
        [InlineData("http://param:1", "http://s3:2", "http://all:3", "http://param:1")]
        [InlineData(null, "http://s3:2", "http://all:3", "http://s3:2")]
        [InlineData(null, null, "http://all:3", "http://all:3")]
        [InlineData(null, null, null, null)]
        public void S3EndpointPrecedence(string? parameter, string? specific, string? general, string? expected)
        {
            var options = Keys();
            options.S3EndpointUrl = parameter;
            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_S3", specific), ("AWS_ENDPOINT_URL", general), ("AWS_ENDPOINT_URL_S3_CONTROL", "http://control-only:9")));
            Assert.Equal(expected, caller.S3EndpointUrl);
        }

        [Theory]
        [InlineData("http://sts:2", "http://all:3", "http://sts:2")]
        [InlineData(null, "http://all:3", "http://all:3")]
        [InlineData(null, null, null)]
        public void StsEndpointPrecedence(string? specific, string? general, string? expected)
        {
            var options = Keys();
            options.EndpointUrl = "http://param-is-not-for-sts:1";
            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_STS", specific), ("AWS_ENDPOINT_URL", general)));
            Assert.Equal(expected, caller.StsEndpointUrl);
        }

        [Theory]
        [InlineData("localhost:9000")]
        [InlineData("ftp://127.0.0.1/")]
        [InlineData("not a url")]
        public void InvalidEndpointUrlFails(string url)
        {
            var options = Keys();
            options.EndpointUrl = url;
            var e = AwsAssert.Fails(AwsErrorIds.InvalidEndpointUrl, () => AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-east-1"))));
            Assert.Contains("-EndpointUrl", e.Message, StringComparison.Ordinal);

            e = AwsAssert.Fails(AwsErrorIds.InvalidEndpointUrl, () => AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_S3", url))));
            Assert.Contains("AWS_ENDPOINT_URL_S3", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AccountIdIsCarriedOrRefused()
        {
            var options = Keys();
            options.Region = "us-east-1";
            options.AccountId = "123456789012";
            Assert.Equal("123456789012", AwsContextResolver.Resolve(options, _fixture.Env()).AccountId);

            options.AccountId = "12345";
            AwsAssert.Fails(AwsErrorIds.InvalidAccountId, () => AwsContextResolver.Resolve(options, _fixture.Env()));
        }

        [Fact]
        public void ToStringHoldsNoSecret()
        {
            var caller = AwsContextResolver.Resolve(
                new AwsCallerOptions { AccessKey = "AKIDTOSTRING", SecretKey = "supersecretvalue", SessionToken = "supersecrettoken", Region = "us-east-1" },
                _fixture.Env());
            Assert.DoesNotContain("supersecret", caller.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("supersecret", caller.CredentialSource, StringComparison.Ordinal);
        }

        [Fact]
        public void RetryModeAndMaxAttemptsComeFromTheProfileWhoseSettingsApply()
        {
            Assert.True(_fixture.SdkReadsOurConfigFile, "AWSSDK.Core read AWS_CONFIG_FILE before the test's module initializer ran.");
            _fixture.WriteFiles(string.Empty, "[default]\nregion = eu-west-1\nretry_mode = adaptive\nmax_attempts = 7\n");
            var caller = AwsContextResolver.Resolve(Keys(), _fixture.Env());
            Assert.Equal("adaptive", caller.ProfileRetryMode);
            Assert.Equal(7, caller.ProfileMaxAttempts);

            // The profile in use gives its own settings.
            var options = new AwsCallerOptions { ProfileName = "work", ProfileLocation = _fixture.WriteFile("retry-profile", "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = s\nregion = us-west-2\nmax_attempts = 2\n") };
            caller = AwsContextResolver.Resolve(options, _fixture.Env());
            Assert.Null(caller.ProfileRetryMode);
            Assert.Equal(2, caller.ProfileMaxAttempts);

            _fixture.WriteFiles(string.Empty, string.Empty);
            caller = AwsContextResolver.Resolve(Keys(), _fixture.Env(("AWS_REGION", "us-east-1")));
            Assert.Null(caller.ProfileRetryMode);
            Assert.Null(caller.ProfileMaxAttempts);
        }
    }
}
