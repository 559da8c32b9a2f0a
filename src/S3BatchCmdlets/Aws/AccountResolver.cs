using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace S3Batch.Aws
{
    /// <summary>
    /// The caller's account: -AccountId, else STS GetCallerIdentity, asked once per access key
    /// (and STS endpoint) and remembered for the process. Safe across runspaces; a failed lookup
    /// is not remembered.
    /// </summary>
    internal static class AccountResolver
    {
        private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Accounts = new(StringComparer.Ordinal);

        /// <summary>How long one GetCallerIdentity call may take.</summary>
        private static readonly TimeSpan StsTimeout = TimeSpan.FromSeconds(30);

        /// <summary>The account id for <paramref name="caller"/>.</summary>
        /// <exception cref="S3BatchConfigurationException">STS failed (<c>AccountLookupFailed</c>) or the credentials gave no keys.</exception>
        public static async Task<string> GetAccountIdAsync(ResolvedCaller caller, CancellationToken cancellationToken)
        {
            if (caller is null)
            {
                throw new ArgumentNullException(nameof(caller));
            }

            if (caller.AccountId is not null)
            {
                return caller.AccountId;
            }

            var keys = await AwsCredentialHelper.GetCredentialsAsync(caller, cancellationToken).ConfigureAwait(false);

            // The same key always belongs to one account; the endpoint is part of the key so that two
            // emulators (or an emulator and AWS) answering for the same test key do not mix.
            var cacheKey = keys.AccessKey + "\n" + (caller.StsEndpointUrl ?? string.Empty);
            var entry = Accounts.GetOrAdd(
                cacheKey,
                _ => new Lazy<Task<string>>(() => LookUpAsync(caller, keys), LazyThreadSafetyMode.ExecutionAndPublication));

            var lookup = entry.Value;
            try
            {
                return await AwsCredentialHelper.WaitAsync(lookup, cancellationToken).ConfigureAwait(false);
            }
            catch when (lookup.IsFaulted || lookup.IsCanceled)
            {
                // Forget the failure (only this entry: a newer one may already be there).
                ((ICollection<KeyValuePair<string, Lazy<Task<string>>>>)Accounts).Remove(new KeyValuePair<string, Lazy<Task<string>>>(cacheKey, entry));
                throw;
            }
        }

        /// <summary>Forgets every remembered account (tests).</summary>
        internal static void ClearCache() => Accounts.Clear();

        /// <summary>The STS client configuration for <paramref name="caller"/>.</summary>
        internal static AmazonSecurityTokenServiceConfig CreateConfig(ResolvedCaller caller)
        {
            var config = new AmazonSecurityTokenServiceConfig
            {
                // Our own endpoint resolution decides; the SDK should not read AWS_ENDPOINT_URL* or
                // endpoint_url from a profile on its own.
                IgnoreConfiguredEndpointUrls = true,
                Timeout = StsTimeout,
            };

            if (caller.StsEndpointUrl is not null)
            {
                config.ServiceURL = caller.StsEndpointUrl;
                config.AuthenticationRegion = caller.Region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(caller.Region);
                config.UseFIPSEndpoint = caller.UseFips;
                config.UseDualstackEndpoint = caller.UseDualStack;
            }

            return config;
        }

        private static async Task<string> LookUpAsync(ResolvedCaller caller, ImmutableCredentials keys)
        {
            // Sign with the very keys the cache entry is for.
            AWSCredentials snapshot = keys.UseToken
                ? new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.Token)
                : new BasicAWSCredentials(keys.AccessKey, keys.SecretKey);

            GetCallerIdentityResponse response;
            try
            {
                using var client = new AmazonSecurityTokenServiceClient(snapshot, CreateConfig(caller));

                // Not the caller's token: other runspaces may wait on this lookup too.
                response = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
            {
                var code = e is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) ? service.ErrorCode + ": " : string.Empty;
                throw new S3BatchConfigurationException(
                    AwsErrorIds.AccountLookupFailed,
                    $"Could not find the caller's account with STS GetCallerIdentity ({code}{e.Message}). Check the credentials from {caller.CredentialSource}, or pass -AccountId.",
                    e);
            }

            if (string.IsNullOrEmpty(response.Account))
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.AccountLookupFailed,
                    "STS GetCallerIdentity answered without an account id. Pass -AccountId.",
                    null);
            }

            return response.Account;
        }
    }
}
