using System;

namespace S3Batch.Aws
{
    /// <summary>
    /// The environment variables the resolver reads, behind a delegate so that tests do not touch
    /// the process environment. Parts of AWSSDK.Core still read the process environment themselves
    /// (where the shared config file is, container credential URIs, IMDS); see <see cref="AwsContextResolver"/>.
    /// </summary>
    internal static class AwsEnvironment
    {
        /// <summary>The process environment.</summary>
        public static readonly Func<string, string?> Process = Environment.GetEnvironmentVariable;

        public const string AccessKeyId = "AWS_ACCESS_KEY_ID";
        public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
        public const string LegacySecretKey = "AWS_SECRET_KEY";
        public const string SessionToken = "AWS_SESSION_TOKEN";
        public const string Profile = "AWS_PROFILE";
        public const string SharedCredentialsFile = "AWS_SHARED_CREDENTIALS_FILE";
        public const string ConfigFile = "AWS_CONFIG_FILE";
        public const string Region = "AWS_REGION";
        public const string DefaultRegion = "AWS_DEFAULT_REGION";
        public const string Ec2MetadataDisabled = "AWS_EC2_METADATA_DISABLED";
        public const string UseFipsEndpoint = "AWS_USE_FIPS_ENDPOINT";
        public const string UseDualStackEndpoint = "AWS_USE_DUALSTACK_ENDPOINT";
        public const string EndpointUrl = "AWS_ENDPOINT_URL";
        public const string EndpointUrlS3 = "AWS_ENDPOINT_URL_S3";
        public const string EndpointUrlS3Control = "AWS_ENDPOINT_URL_S3_CONTROL";
        public const string EndpointUrlSts = "AWS_ENDPOINT_URL_STS";
        public const string WebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE";
        public const string RoleArn = "AWS_ROLE_ARN";
        public const string RoleSessionName = "AWS_ROLE_SESSION_NAME";
        public const string ContainerCredentialsRelativeUri = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
        public const string ContainerCredentialsFullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

        /// <summary>The variable's value, or null when it is unset or empty (whitespace is kept).</summary>
        public static string? Raw(Func<string, string?> env, string name)
        {
            var value = env(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>The variable's value trimmed, or null when it is unset or blank.</summary>
        public static string? Trimmed(Func<string, string?> env, string name)
        {
            var value = env(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        /// <summary>True when AWS_EC2_METADATA_DISABLED is "true" (any case), as the SDK reads it.</summary>
        public static bool IsImdsDisabled(Func<string, string?> env)
            => string.Equals(Trimmed(env, Ec2MetadataDisabled), "true", StringComparison.OrdinalIgnoreCase);
    }
}
