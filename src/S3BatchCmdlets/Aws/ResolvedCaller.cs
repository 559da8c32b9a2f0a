using System.Globalization;
using Amazon.Runtime;

namespace S3Batch.Aws
{
    /// <summary>
    /// Who is calling and where: the outcome of <see cref="AwsContextResolver.Resolve(AwsCallerOptions)"/>.
    /// Holds the credentials object (which may refresh itself), never the keys themselves; its
    /// <see cref="ToString"/> holds no secret.
    /// </summary>
    internal sealed class ResolvedCaller
    {
        public ResolvedCaller(
            AWSCredentials credentials,
            string credentialSource,
            string? profileName,
            string? profileLocation,
            string region,
            string regionSource,
            bool useFips,
            bool useDualStack,
            string? s3ControlEndpointUrl,
            string? s3EndpointUrl,
            string? stsEndpointUrl,
            string? accountId,
            string? profileRetryMode = null,
            int? profileMaxAttempts = null)
        {
            ProfileRetryMode = profileRetryMode;
            ProfileMaxAttempts = profileMaxAttempts;
            Credentials = credentials;
            CredentialSource = credentialSource;
            ProfileName = profileName;
            ProfileLocation = profileLocation;
            Region = region;
            RegionSource = regionSource;
            UseFips = useFips;
            UseDualStack = useDualStack;
            S3ControlEndpointUrl = s3ControlEndpointUrl;
            S3EndpointUrl = s3EndpointUrl;
            StsEndpointUrl = stsEndpointUrl;
            AccountId = accountId;
        }

        /// <summary>The credentials; ask them for keys each time (<see cref="AwsCredentialHelper.GetCredentialsAsync(AWSCredentials, System.Threading.CancellationToken)"/>).</summary>
        public AWSCredentials Credentials { get; }

        /// <summary>Where the credentials came from, for verbose output: "parameters -AccessKey/-SecretKey", "profile 'x' in /path", ...</summary>
        public string CredentialSource { get; }

        /// <summary>The profile the credentials came from (to carry on job objects), or null.</summary>
        public string? ProfileName { get; }

        /// <summary>The -ProfileLocation used with <see cref="ProfileName"/>, or null for the default files.</summary>
        public string? ProfileLocation { get; }

        /// <summary>The region's system name, such as <c>us-east-1</c>.</summary>
        public string Region { get; }

        /// <summary>Where the region came from, for verbose output.</summary>
        public string RegionSource { get; }

        /// <summary>AWS_USE_FIPS_ENDPOINT, else the profile's use_fips_endpoint, else false.</summary>
        public bool UseFips { get; }

        /// <summary>AWS_USE_DUALSTACK_ENDPOINT, else the profile's use_dualstack_endpoint, else false.</summary>
        public bool UseDualStack { get; }

        /// <summary>-EndpointUrl, AWS_ENDPOINT_URL_S3_CONTROL or AWS_ENDPOINT_URL; null means AWS's own endpoint.</summary>
        public string? S3ControlEndpointUrl { get; }

        /// <summary>-S3EndpointUrl, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL; null means AWS's own endpoint.</summary>
        public string? S3EndpointUrl { get; }

        /// <summary>AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL; null means the regional STS endpoint.</summary>
        public string? StsEndpointUrl { get; }

        /// <summary>-AccountId when given; otherwise ask <see cref="AccountResolver"/>.</summary>
        public string? AccountId { get; }

        /// <summary>The retry_mode of the profile whose settings apply (legacy, standard or adaptive), or null; AWS_RETRY_MODE comes first.</summary>
        public string? ProfileRetryMode { get; }

        /// <summary>The max_attempts of the profile whose settings apply, or null; AWS_MAX_ATTEMPTS comes first.</summary>
        public int? ProfileMaxAttempts { get; }

        /// <inheritdoc />
        public override string ToString()
            => string.Format(
                CultureInfo.InvariantCulture,
                "credentials from {0}; region {1} (from {2})",
                CredentialSource,
                Region,
                RegionSource);
    }
}
