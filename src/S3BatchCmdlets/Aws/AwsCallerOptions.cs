namespace S3Batch.Aws
{
    /// <summary>
    /// What a cmdlet was given about the caller: its AWS parameters and the session variables
    /// <c>$StoredAWSCredentials</c> / <c>$StoredAWSRegion</c> (PSObjects already unwrapped to their
    /// BaseObject). Empty strings count as not given.
    /// </summary>
    internal sealed class AwsCallerOptions
    {
        /// <summary>-AccessKey.</summary>
        public string? AccessKey { get; set; }

        /// <summary>-SecretKey.</summary>
        public string? SecretKey { get; set; }

        /// <summary>-SessionToken.</summary>
        public string? SessionToken { get; set; }

        /// <summary>-ProfileName.</summary>
        public string? ProfileName { get; set; }

        /// <summary>-ProfileLocation: the shared credentials file to read profiles from.</summary>
        public string? ProfileLocation { get; set; }

        /// <summary>-Credential: an <c>Amazon.Runtime.AWSCredentials</c> (or an object with a <c>Credentials</c> property holding one).</summary>
        public object? Credential { get; set; }

        /// <summary>The value of <c>$StoredAWSCredentials</c>: an AWSCredentials, or AWS.Tools' wrapper with a <c>Credentials</c> property.</summary>
        public object? StoredCredentials { get; set; }

        /// <summary>-Region.</summary>
        public string? Region { get; set; }

        /// <summary>The value of <c>$StoredAWSRegion</c>: a string, a RegionEndpoint, or an object with a <c>Region</c> property.</summary>
        public object? StoredRegion { get; set; }

        /// <summary>-EndpointUrl: the S3 Control endpoint.</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>-S3EndpointUrl: the S3 endpoint for object calls.</summary>
        public string? S3EndpointUrl { get; set; }

        /// <summary>-AccountId.</summary>
        public string? AccountId { get; set; }
    }
}
