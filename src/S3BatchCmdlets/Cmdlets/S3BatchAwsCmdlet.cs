using System.Management.Automation;
using Amazon.Runtime;
using S3Batch.Aws;
using S3Batch.Loading;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// The AWS parameters of every cmdlet that calls AWS, resolved in the order AWS Tools for
    /// PowerShell uses (see about_S3Batch). Null or empty means "not given". The cmdlets that take job
    /// objects also bind Region and ProfileName from a piped job (see S3BatchJobCmdlet); the others do
    /// not, so that a million piped keys, or a thousand piped operations, are not searched for them.
    /// </summary>
    public abstract class S3BatchAwsCmdlet : S3BatchCmdlet
    {
        private string? _region;
        private string? _profileName;

        /// <summary>The AWS region, for example us-east-1.</summary>
        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public virtual string? Region
        {
            get => _region;
            set => _region = string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>A profile in the shared credentials or config file.</summary>
        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public virtual string? ProfileName
        {
            get => _profileName;
            set => _profileName = string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>Another shared credentials file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProfileLocation { get; set; }

        /// <summary>An access key id (with -SecretKey).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        /// <summary>A secret access key (with -AccessKey).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SecretKey { get; set; }

        /// <summary>A session token for temporary credentials.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SessionToken { get; set; }

        /// <summary>An Amazon.Runtime.AWSCredentials object.</summary>
        [Parameter]
        [ValidateNotNull]
        public AWSCredentials? Credential { get; set; }

        /// <summary>Resolves credentials, region and endpoints for this record.</summary>
        internal ResolvedCaller ResolveCaller(string? endpointUrl, string? s3EndpointUrl, string? accountId)
        {
            EnsureUsableAwsSdk();
            var options = new AwsCallerOptions
            {
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                Credential = Credential,
                StoredCredentials = PSConvert.SessionValue(SessionState.PSVariable.GetValue("StoredAWSCredentials"), "Credentials"),
                Region = Region,
                StoredRegion = PSConvert.SessionValue(SessionState.PSVariable.GetValue("StoredAWSRegion"), "Region"),
                EndpointUrl = endpointUrl,
                S3EndpointUrl = s3EndpointUrl,
                AccountId = accountId,
            };
            var caller = ResolvedCallerCache.Resolve(options, AwsEnvironment.Process);
            WriteVerbose($"Credentials: {caller.CredentialSource}; region {caller.Region} ({caller.RegionSource}).");
            return caller;
        }

        /// <summary>Stops the cmdlet when the AWSSDK.Core loaded in the session is one the module cannot use (see AwsSdkCompatibility).</summary>
        private void EnsureUsableAwsSdk()
        {
            try
            {
                AwsSdkCompatibility.EnsureUsable();
            }
            catch (UnsupportedAwsSdkException e)
            {
                ThrowTerminatingError(e.ErrorRecord);
            }
        }

    }
}
