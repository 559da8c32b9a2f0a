using System;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Aws;
using S3Batch.Model;
using S3Batch.Protocol;
using S3Batch.Protocol.Endpoints;

namespace S3Batch.Cmdlets
{
    /// <summary>Where a job lives: what a job object carries so that piping needs no repeated parameters.</summary>
    internal sealed class JobContext
    {
        public JobContext(S3ControlClientOptions options, ResolvedCaller caller, string? endpointUrl, string? s3EndpointUrl)
        {
            Options = options;
            Client = new S3ControlClient(options);
            Endpoint = options.Endpoint;
            Caller = caller;
            AccountId = options.AccountId;
            EndpointUrl = endpointUrl;
            S3EndpointUrl = s3EndpointUrl;
        }

        public IS3ControlClient Client { get; }

        /// <summary>What the client was made with (for a variant such as a single-attempt client).</summary>
        public S3ControlClientOptions Options { get; }

        /// <summary>The resolved S3 Control endpoint.</summary>
        public Uri Endpoint { get; }
        public ResolvedCaller Caller { get; }
        public string AccountId { get; }
        public string? EndpointUrl { get; }
        public string? S3EndpointUrl { get; }

        /// <summary>Stamps the job with where it lives (never with credentials).</summary>
        public S3BatchJob Stamp(S3BatchJob job)
        {
            job.AccountId = AccountId;
            job.Region = Caller.Region;
            job.EndpointUrl = EndpointUrl;
            job.S3EndpointUrl = S3EndpointUrl;
            job.ProfileName = Caller.ProfileName;
            return job;
        }
    }

    /// <summary>
    /// Cmdlets that call S3 Control: -AccountId and -EndpointUrl, the client, the job context. The
    /// cmdlets that take job objects (S3BatchJobCmdlet) also bind the AWS parameters from them.
    /// </summary>
    public abstract class S3ControlCmdlet : S3BatchAwsCmdlet
    {
        private readonly Dictionary<string, JobContext> _contexts = new(StringComparer.Ordinal);

        private string? _accountId;
        private string? _endpointUrl;

        /// <summary>The 12-digit account that owns the jobs; looked up with STS GetCallerIdentity when not given.</summary>
        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        [ValidateAccountIdOrEmpty]
        public virtual string? AccountId
        {
            get => _accountId;
            set => _accountId = string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>A custom S3 Control endpoint, for example a local emulator.</summary>
        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public virtual string? EndpointUrl
        {
            get => _endpointUrl;
            set => _endpointUrl = string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>The S3 endpoint a cmdlet uses for objects; overridden by cmdlets that read or write objects.</summary>
        internal virtual string? S3EndpointUrlValue => null;

        /// <summary>Whether this cmdlet keeps several S3 Control requests in flight at once (otherwise each is sent on the pipeline thread).</summary>
        internal virtual bool SendsConcurrently => false;

        /// <summary>Resolves (once per distinct set of parameters) the client and context for this record.</summary>
        internal JobContext Connect()
        {
            var key = string.Join("\u0001", Region, ProfileName, ProfileLocation, AccessKey, SessionToken, Credential?.GetHashCode(), AccountId, EndpointUrl, S3EndpointUrlValue);
            if (_contexts.TryGetValue(key, out var known))
            {
                return known;
            }

            var caller = ResolveCaller(EndpointUrl, S3EndpointUrlValue, AccountId);
            var accountId = AccountId ?? Run(token => AccountResolver.GetAccountIdAsync(caller, token));
            var endpoint = S3ControlEndpointResolver.Resolve(caller.Region, caller.UseFips, caller.UseDualStack, caller.S3ControlEndpointUrl, accountId);
            WriteVerbose($"S3 Control endpoint {endpoint.Url}, account {accountId}.");
            var options = new S3ControlClientOptions(endpoint.BaseUri, accountId, endpoint.SigningRegion, token => AwsCredentialHelper.GetCredentialsAsync(caller, token))
            {
                Retry = RetryPolicy.FromEnvironment(AwsEnvironment.Process, caller.ProfileRetryMode, caller.ProfileMaxAttempts),
                RequestTimeout = RequestTimeout.FromEnvironment(AwsEnvironment.Process),
                Log = Log,
                SendOnCallingThread = !SendsConcurrently,
            };
            var context = new JobContext(options, caller, caller.S3ControlEndpointUrl, caller.S3EndpointUrl);
            _contexts[key] = context;
            return context;
        }
    }
}
