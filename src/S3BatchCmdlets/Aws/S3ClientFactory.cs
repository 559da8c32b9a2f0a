using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace S3Batch.Aws
{
    /// <summary>
    /// AmazonS3Client for object calls (HeadObject, GetObject, PutObject, ListObjectsV2), built from
    /// a <see cref="ResolvedCaller"/>. Clients are shared per (credentials object, region, endpoint,
    /// FIPS, dual-stack): AmazonS3Client is thread-safe, and a client lives as long as its credentials
    /// object does. Callers must not dispose the clients they get.
    /// </summary>
    internal static class S3ClientFactory
    {
        private static readonly ConditionalWeakTable<AWSCredentials, ConcurrentDictionary<string, Lazy<IAmazonS3>>> Clients = new();

        /// <summary>The client for <paramref name="caller"/>.</summary>
        public static IAmazonS3 Create(ResolvedCaller caller)
        {
            if (caller is null)
            {
                throw new ArgumentNullException(nameof(caller));
            }

            var key = string.Join(
                "\n",
                caller.Region,
                caller.S3EndpointUrl ?? string.Empty,
                caller.UseFips.ToString(CultureInfo.InvariantCulture),
                caller.UseDualStack.ToString(CultureInfo.InvariantCulture),
                AwsEnvironment.Process("S3BATCH_REQUEST_TIMEOUT") ?? string.Empty,
                AwsEnvironment.Process("AWS_MAX_ATTEMPTS") ?? string.Empty,
                AwsEnvironment.Process("AWS_RETRY_MODE") ?? string.Empty);
            var perCredentials = Clients.GetValue(caller.Credentials, _ => new ConcurrentDictionary<string, Lazy<IAmazonS3>>(StringComparer.Ordinal));
            return perCredentials.GetOrAdd(
                key,
                _ => new Lazy<IAmazonS3>(() => new AmazonS3Client(caller.Credentials, CreateConfig(caller)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        }

        /// <summary>The S3 client configuration for <paramref name="caller"/>.</summary>
        internal static AmazonS3Config CreateConfig(ResolvedCaller caller)
        {
            var config = new AmazonS3Config
            {
                // Our own endpoint resolution decides; the SDK should not read AWS_ENDPOINT_URL* or
                // endpoint_url from a profile on its own.
                IgnoreConfiguredEndpointUrls = true,

                // Set both explicitly: left unset, the SDK would read them from the environment and
                // the AWS_PROFILE/default profile rather than from the profile in use.
                UseFIPSEndpoint = caller.UseFips,
                UseDualstackEndpoint = caller.UseDualStack,
            };

            // AWS_RETRY_MODE and AWS_MAX_ATTEMPTS, then the profile's retry_mode and max_attempts, as the
            // S3 Control client reads them. The SDK reads them too, but only once per process and only
            // from the AWS_PROFILE or default profile; set here, they follow the profile in use.
            var env = AwsEnvironment.Process;
            if (!string.IsNullOrWhiteSpace(env("AWS_RETRY_MODE")) || !string.IsNullOrWhiteSpace(env("AWS_MAX_ATTEMPTS"))
                || caller.ProfileRetryMode is not null || caller.ProfileMaxAttempts is not null)
            {
                var policy = S3Batch.Protocol.RetryPolicy.FromEnvironment(env, caller.ProfileRetryMode, caller.ProfileMaxAttempts);
                // AWSSDK.Core 4 has no legacy mode: legacy keeps its 5 attempts, with standard's backoff.
                config.RetryMode = policy.Mode == "adaptive" ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
                config.MaxErrorRetry = policy.MaxAttempts - 1;
            }

            // The same per-attempt timeout as S3 Control calls when S3BATCH_REQUEST_TIMEOUT is set;
            // retries (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE) are the SDK's own, read from the environment.
            if (!string.IsNullOrWhiteSpace(AwsEnvironment.Process("S3BATCH_REQUEST_TIMEOUT")))
            {
                config.Timeout = S3Batch.Protocol.RequestTimeout.FromEnvironment(AwsEnvironment.Process);
            }

            if (caller.S3EndpointUrl is not null)
            {
                // A custom endpoint (an emulator, a private S3): path-style, signed for the region.
                config.ServiceURL = caller.S3EndpointUrl;
                config.ForcePathStyle = true;
                config.AuthenticationRegion = caller.Region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(caller.Region);
            }

            return config;
        }
    }
}
