using System;

namespace S3Batch.Aws
{
    /// <summary>
    /// Raised when the caller's AWS context (credentials, region, endpoints, account) cannot be
    /// resolved. <see cref="ErrorId"/> is stable and meant for <c>ErrorRecord</c> ids and tests; the
    /// message says what to do and never holds a secret.
    /// </summary>
    public sealed class S3BatchConfigurationException : Exception, IStableError
    {
        /// <summary>The id used when none is given.</summary>
        public const string DefaultErrorId = "S3BatchConfiguration";

        /// <summary>Creates the exception with the default error id.</summary>
        public S3BatchConfigurationException()
            : this(DefaultErrorId, "The AWS configuration is not valid.", null)
        {
        }

        /// <summary>Creates the exception with the default error id.</summary>
        /// <param name="message">What went wrong and what to do.</param>
        public S3BatchConfigurationException(string message)
            : this(DefaultErrorId, message, null)
        {
        }

        /// <summary>Creates the exception with the default error id.</summary>
        /// <param name="message">What went wrong and what to do.</param>
        /// <param name="innerException">The cause.</param>
        public S3BatchConfigurationException(string message, Exception? innerException)
            : this(DefaultErrorId, message, innerException)
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="errorId">A stable id such as <c>RegionNotFound</c> (see <see cref="AwsErrorIds"/>).</param>
        /// <param name="message">What went wrong and what to do.</param>
        /// <param name="innerException">The cause, if any.</param>
        public S3BatchConfigurationException(string errorId, string message, Exception? innerException)
            : base(message, innerException)
        {
            ErrorId = string.IsNullOrEmpty(errorId) ? DefaultErrorId : errorId;
        }

        /// <summary>A stable id for the failure, such as <c>CredentialsNotFound</c>.</summary>
        public string ErrorId { get; }

        FailureKind IStableError.Kind => ErrorId.Contains("NotFound") ? FailureKind.NotFound : FailureKind.InvalidArgument;
    }

    /// <summary>The error ids that <see cref="S3BatchConfigurationException"/> carries.</summary>
    public static class AwsErrorIds
    {
        /// <summary>-AccessKey without -SecretKey.</summary>
        public const string AccessKeyWithoutSecretKey = "AccessKeyWithoutSecretKey";
        /// <summary>-SecretKey without -AccessKey.</summary>
        public const string SecretKeyWithoutAccessKey = "SecretKeyWithoutAccessKey";
        /// <summary>-SessionToken without -AccessKey and -SecretKey.</summary>
        public const string SessionTokenWithoutKeys = "SessionTokenWithoutKeys";
        /// <summary>A named profile (parameter or AWS_PROFILE) does not exist.</summary>
        public const string ProfileNotFound = "ProfileNotFound";
        /// <summary>The -ProfileLocation file does not exist.</summary>
        public const string ProfileLocationNotFound = "ProfileLocationNotFound";
        /// <summary>A profile exists but cannot give credentials.</summary>
        public const string InvalidProfile = "InvalidProfile";
        /// <summary>-Credential or $StoredAWSCredentials holds something that is not AWS credentials.</summary>
        public const string InvalidCredentialObject = "InvalidCredentialObject";
        /// <summary>AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME are not usable.</summary>
        public const string InvalidWebIdentityConfiguration = "InvalidWebIdentityConfiguration";
        /// <summary>The container credential variables are not usable.</summary>
        public const string InvalidContainerCredentials = "InvalidContainerCredentials";
        /// <summary>No step of the credential order found credentials.</summary>
        public const string CredentialsNotFound = "CredentialsNotFound";
        /// <summary>Credentials were found but could not give keys (expired, process failed, ...).</summary>
        public const string CredentialsUnavailable = "CredentialsUnavailable";
        /// <summary>No step of the region order found a region.</summary>
        public const string RegionNotFound = "RegionNotFound";
        /// <summary>A region name that is not a region name.</summary>
        public const string InvalidRegion = "InvalidRegion";
        /// <summary>$StoredAWSRegion holds something that is not a region.</summary>
        public const string InvalidRegionObject = "InvalidRegionObject";
        /// <summary>An endpoint URL that is not an absolute http(s) URL.</summary>
        public const string InvalidEndpointUrl = "InvalidEndpointUrl";
        /// <summary>AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT (or the profile's) is not true or false.</summary>
        public const string InvalidEndpointSetting = "InvalidEndpointSetting";
        /// <summary>-AccountId is not 12 digits.</summary>
        public const string InvalidAccountId = "InvalidAccountId";
        /// <summary>STS GetCallerIdentity failed.</summary>
        public const string AccountLookupFailed = "AccountLookupFailed";
    }
}
