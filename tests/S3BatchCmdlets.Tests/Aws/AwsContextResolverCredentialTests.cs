using System;
using System.IO;
using Amazon;
using Amazon.Runtime;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    [Collection(AwsEnvironmentGroup.Name)]
    public sealed class AwsContextResolverCredentialTests
    {
        private readonly AwsEnvironmentFixture _fixture;

        public AwsContextResolverCredentialTests(AwsEnvironmentFixture fixture)
        {
            _fixture = fixture;
            _fixture.WriteFiles(string.Empty, string.Empty);
        }

        private static string AccessKeyOf(ResolvedCaller caller) => caller.Credentials.GetCredentials().AccessKey;

        private static AwsCallerOptions WithRegion(AwsCallerOptions options)
        {
            options.Region ??= "us-east-1";
            return options;
        }

        [Fact]
        public void LiteralKeysComeFirst()
        {
            var profileFile = _fixture.WriteFile("literal-creds", "[work]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profilesecret\n");
            var options = WithRegion(new AwsCallerOptions
            {
                AccessKey = "AKIDLITERAL",
                SecretKey = "literalsecret",
                ProfileName = "work",
                ProfileLocation = profileFile,
                Credential = new BasicAWSCredentials("AKIDCREDENTIAL", "s"),
                StoredCredentials = new BasicAWSCredentials("AKIDSTORED", "s"),
            });

            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "envsecret")));

            Assert.Equal("AKIDLITERAL", AccessKeyOf(caller));
            Assert.Equal("parameters -AccessKey/-SecretKey", caller.CredentialSource);
            Assert.Null(caller.ProfileName);
            Assert.IsType<BasicAWSCredentials>(caller.Credentials);
        }

        [Fact]
        public void LiteralKeysTakeASessionToken()
        {
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { AccessKey = "ASIALITERAL", SecretKey = "secret", SessionToken = "token" }),
                _fixture.Env());

            var keys = caller.Credentials.GetCredentials();
            Assert.Equal("ASIALITERAL", keys.AccessKey);
            Assert.Equal("token", keys.Token);
            Assert.Equal("parameters -AccessKey/-SecretKey/-SessionToken", caller.CredentialSource);
            Assert.DoesNotContain("secret", caller.CredentialSource + caller, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("AKID", null, null, AwsErrorIds.AccessKeyWithoutSecretKey)]
        [InlineData("AKID", null, "token", AwsErrorIds.AccessKeyWithoutSecretKey)]
        [InlineData(null, "secret", null, AwsErrorIds.SecretKeyWithoutAccessKey)]
        [InlineData(null, null, "token", AwsErrorIds.SessionTokenWithoutKeys)]
        public void IncompleteLiteralKeysFail(string? accessKey, string? secretKey, string? token, string errorId)
        {
            var e = AwsAssert.Fails(errorId, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { AccessKey = accessKey, SecretKey = secretKey, SessionToken = token }),
                _fixture.Env(("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "envsecret"))));
            Assert.DoesNotContain("secret", e.Message.Replace("-SecretKey", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        [Fact]
        public void NamedProfileFromProfileLocationComesBeforeCredentialAndStored()
        {
            var profileFile = _fixture.WriteFile("named-creds", "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = worksecret\nregion = eu-central-1\n");
            var options = new AwsCallerOptions
            {
                ProfileName = "work",
                ProfileLocation = profileFile,
                Credential = new BasicAWSCredentials("AKIDCREDENTIAL", "s"),
                StoredCredentials = new BasicAWSCredentials("AKIDSTORED", "s"),
            };

            var caller = AwsContextResolver.Resolve(options, _fixture.Env(("AWS_REGION", "us-west-2")));

            Assert.Equal("AKIDWORK", AccessKeyOf(caller));
            Assert.Equal($"profile 'work' in {profileFile}", caller.CredentialSource);
            Assert.Equal("work", caller.ProfileName);
            Assert.Equal(profileFile, caller.ProfileLocation);
            Assert.Equal("eu-central-1", caller.Region);
            Assert.Equal("profile 'work'", caller.RegionSource);
        }

        [Fact]
        public void ProfileLocationAloneUsesItsDefaultProfile()
        {
            var profileFile = _fixture.WriteFile("location-only", "[default]\naws_access_key_id = AKIDLOCDEFAULT\naws_secret_access_key = s\n");

            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { ProfileLocation = profileFile, StoredCredentials = new BasicAWSCredentials("AKIDSTORED", "s") }),
                _fixture.Env());

            Assert.Equal("AKIDLOCDEFAULT", AccessKeyOf(caller));
            Assert.Equal("default", caller.ProfileName);
        }

        [Fact]
        public void MissingNamedProfileFails()
        {
            var profileFile = _fixture.WriteFile("missing-profile", "[other]\naws_access_key_id = A\naws_secret_access_key = s\n");
            var e = AwsAssert.Fails(AwsErrorIds.ProfileNotFound, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { ProfileName = "nope", ProfileLocation = profileFile, Credential = new BasicAWSCredentials("A", "s") }),
                _fixture.Env()));
            Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void MissingProfileLocationFails()
        {
            AwsAssert.Fails(AwsErrorIds.ProfileLocationNotFound, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { ProfileName = "work", ProfileLocation = Path.Combine(_fixture.Directory, "no-such-file") }),
                _fixture.Env()));
        }

        [Fact]
        public void NamedProfileWithoutCredentialsFails()
        {
            var profileFile = _fixture.WriteFile("region-only", "[regiononly]\nregion = us-east-2\n");
            AwsAssert.Fails(AwsErrorIds.InvalidProfile, () => AwsContextResolver.Resolve(
                new AwsCallerOptions { ProfileName = "regiononly", ProfileLocation = profileFile },
                _fixture.Env()));
        }

        [Fact]
        public void CredentialComesBeforeStored()
        {
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions
                {
                    Credential = new BasicAWSCredentials("AKIDCREDENTIAL", "s"),
                    StoredCredentials = new BasicAWSCredentials("AKIDSTORED", "s"),
                }),
                _fixture.Env(("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "envsecret")));

            Assert.Equal("AKIDCREDENTIAL", AccessKeyOf(caller));
            Assert.Equal("-Credential", caller.CredentialSource);
        }

        [Fact]
        public void CredentialOfTheWrongTypeFails()
        {
            var e = AwsAssert.Fails(AwsErrorIds.InvalidCredentialObject, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { Credential = "AKIDINASTRING" }),
                _fixture.Env()));
            Assert.Contains("System.String", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIDINASTRING", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void StoredCredentialsComeBeforeTheEnvironment()
        {
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { StoredCredentials = new BasicAWSCredentials("AKIDSTORED", "s") }),
                _fixture.Env(("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "envsecret")));

            Assert.Equal("AKIDSTORED", AccessKeyOf(caller));
            Assert.Equal("$StoredAWSCredentials", caller.CredentialSource);
        }

        /// <summary>Like AWS.Tools' AWSPSCredentials: the property is internal.</summary>
        private sealed class InternalWrapper
        {
            public InternalWrapper(AWSCredentials? credentials) => Credentials = credentials;

            internal AWSCredentials? Credentials { get; }

            public override string ToString() => "wrapper";
        }

        public sealed class PublicWrapper
        {
            public AWSCredentials? Credentials { get; set; }
        }

        [Fact]
        public void StoredWrapperWithAnInternalCredentialsPropertyIsRead()
        {
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { StoredCredentials = new InternalWrapper(new SessionAWSCredentials("ASIAWRAPPED", "s", "t")) }),
                _fixture.Env());

            Assert.Equal("ASIAWRAPPED", AccessKeyOf(caller));
            Assert.Equal("$StoredAWSCredentials", caller.CredentialSource);
        }

        [Fact]
        public void StoredWrapperWithAPublicCredentialsPropertyIsRead()
        {
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { StoredCredentials = new PublicWrapper { Credentials = new BasicAWSCredentials("AKIDPUBLIC", "s") } }),
                _fixture.Env());

            Assert.Equal("AKIDPUBLIC", AccessKeyOf(caller));
        }

        [Fact]
        public void CredentialParameterAlsoTakesTheWrapper()
        {
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { Credential = new InternalWrapper(new BasicAWSCredentials("AKIDVIAPARAM", "s")) }),
                _fixture.Env());

            Assert.Equal("AKIDVIAPARAM", AccessKeyOf(caller));
            Assert.Equal("-Credential", caller.CredentialSource);
        }

        [Fact]
        public void StoredWrapperWithoutCredentialsFails()
        {
            AwsAssert.Fails(AwsErrorIds.InvalidCredentialObject, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { StoredCredentials = new InternalWrapper(null) }),
                _fixture.Env()));
            AwsAssert.Fails(AwsErrorIds.InvalidCredentialObject, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions { StoredCredentials = 42 }),
                _fixture.Env()));
        }

        [Fact]
        public void EnvironmentKeysComeFirstInTheDefaultChain()
        {
            _fixture.WriteFiles("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n", string.Empty);

            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions()),
                _fixture.Env(("AWS_ACCESS_KEY_ID", "ASIAENV"), ("AWS_SECRET_ACCESS_KEY", "envsecret"), ("AWS_SESSION_TOKEN", "envtoken")));

            var keys = caller.Credentials.GetCredentials();
            Assert.Equal("ASIAENV", keys.AccessKey);
            Assert.Equal("envtoken", keys.Token);
            Assert.StartsWith("environment variables", caller.CredentialSource, StringComparison.Ordinal);
            Assert.Null(caller.ProfileName);
        }

        [Fact]
        public void AnAccessKeyAloneInTheEnvironmentIsSkipped()
        {
            _fixture.WriteFiles("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n", string.Empty);

            var caller = AwsContextResolver.Resolve(WithRegion(new AwsCallerOptions()), _fixture.Env(("AWS_ACCESS_KEY_ID", "AKIDENV")));

            Assert.Equal("AKIDDEFAULT", AccessKeyOf(caller));
        }

        [Fact]
        public void DefaultProfileFromTheSharedFiles()
        {
            Assert.True(_fixture.SdkReadsOurConfigFile, "AWSSDK.Core read AWS_CONFIG_FILE before the test's module initializer ran.");
            _fixture.WriteFiles(
                "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n",
                "[default]\nregion = ap-southeast-2\n");

            var caller = AwsContextResolver.Resolve(new AwsCallerOptions(), _fixture.Env(("AWS_REGION", "us-west-1")));

            Assert.Equal("AKIDDEFAULT", AccessKeyOf(caller));
            Assert.Equal($"default profile in {_fixture.CredentialsPath}", caller.CredentialSource);
            Assert.Equal("default", caller.ProfileName);
            Assert.Equal("ap-southeast-2", caller.Region);
        }

        [Fact]
        public void DefaultProfileOnlyInTheConfigFile()
        {
            Assert.True(_fixture.SdkReadsOurConfigFile, "AWSSDK.Core read AWS_CONFIG_FILE before the test's module initializer ran.");
            _fixture.WriteFiles(string.Empty, "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\nregion = sa-east-1\n");

            var caller = AwsContextResolver.Resolve(new AwsCallerOptions(), _fixture.Env());

            Assert.Equal("AKIDCONFIG", AccessKeyOf(caller));
            Assert.Equal("sa-east-1", caller.Region);
        }

        [Fact]
        public void AwsProfileNamesTheProfile()
        {
            Assert.True(_fixture.SdkReadsOurConfigFile, "AWSSDK.Core read AWS_CONFIG_FILE before the test's module initializer ran.");
            _fixture.WriteFiles(
                "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n",
                "[profile dev]\nregion = eu-north-1\n");

            var caller = AwsContextResolver.Resolve(new AwsCallerOptions(), _fixture.Env(("AWS_PROFILE", "dev")));

            Assert.Equal("AKIDDEV", AccessKeyOf(caller));
            Assert.Equal($"profile 'dev' (AWS_PROFILE) in {_fixture.CredentialsPath}", caller.CredentialSource);
            Assert.Equal("dev", caller.ProfileName);
            Assert.Equal("eu-north-1", caller.Region);
        }

        [Fact]
        public void MissingAwsProfileFails()
        {
            _fixture.WriteFiles("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n", string.Empty);
            var e = AwsAssert.Fails(AwsErrorIds.ProfileNotFound, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions()),
                _fixture.Env(("AWS_PROFILE", "ghost"))));
            Assert.Contains("AWS_PROFILE", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void NothingFoundFails()
        {
            _fixture.WriteFiles(string.Empty, "[default]\nregion = us-east-1\n");
            var e = AwsAssert.Fails(AwsErrorIds.CredentialsNotFound, () => AwsContextResolver.Resolve(new AwsCallerOptions(), _fixture.Env()));
            Assert.Contains("Set-AWSCredential", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void WebIdentityFromTheEnvironment()
        {
            var tokenFile = _fixture.WriteFile("web-identity-token", "eyJ.test.token");
            var caller = AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions()),
                _fixture.Env(("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci"), ("AWS_ROLE_SESSION_NAME", "s3batch-test")));

            var credentials = Assert.IsType<AssumeRoleWithWebIdentityCredentials>(caller.Credentials);
            Assert.Equal("arn:aws:iam::123456789012:role/ci", credentials.RoleArn);
            Assert.Equal("s3batch-test", credentials.RoleSessionName);
            Assert.StartsWith("web identity", caller.CredentialSource, StringComparison.Ordinal);
        }

        [Fact]
        public void UnusableWebIdentitySettingsFail()
        {
            AwsAssert.Fails(AwsErrorIds.InvalidWebIdentityConfiguration, () => AwsContextResolver.Resolve(
                WithRegion(new AwsCallerOptions()),
                _fixture.Env(("AWS_WEB_IDENTITY_TOKEN_FILE", "relative/token"), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci"))));
        }

        [Fact]
        public void CredentialsOfAnotherCopyOfTheSdkAreRead()
        {
            var context = new System.Runtime.Loader.AssemblyLoadContext("foreign-awssdk", isCollectible: true);
            try
            {
                var foreignCore = context.LoadFromAssemblyPath(typeof(AWSCredentials).Assembly.Location);
                var foreignType = foreignCore.GetType("Amazon.Runtime.SessionAWSCredentials", throwOnError: true)!;
                Assert.NotEqual(typeof(SessionAWSCredentials), foreignType);
                var foreign = Activator.CreateInstance(foreignType, "ASIAFOREIGN", "foreignsecret", "foreigntoken")!;

                var caller = AwsContextResolver.Resolve(WithRegion(new AwsCallerOptions { StoredCredentials = foreign }), _fixture.Env());

                var keys = caller.Credentials.GetCredentials();
                Assert.Equal("ASIAFOREIGN", keys.AccessKey);
                Assert.Equal("foreignsecret", keys.SecretKey);
                Assert.Equal("foreigntoken", keys.Token);
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
