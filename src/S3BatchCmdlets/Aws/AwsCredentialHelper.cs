using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace S3Batch.Aws
{
    /// <summary>Keys for the signer, asked of the credentials object every time.</summary>
    internal static class AwsCredentialHelper
    {
        /// <summary>
        /// Asks <paramref name="credentials"/> for its current keys. Refreshing credentials
        /// (credential_process, assume role, SSO, web identity, container, instance) renew
        /// themselves here: AWSSDK.Core treats keys as expired a minute before their expiry and
        /// starts a background refresh within its pre-emption window, so never keep the result
        /// beyond one request.
        /// </summary>
        /// <exception cref="S3BatchConfigurationException">The credentials gave no keys (<c>CredentialsUnavailable</c>).</exception>
        public static Task<ImmutableCredentials> GetCredentialsAsync(AWSCredentials credentials, CancellationToken cancellationToken)
            => GetCredentialsAsync(credentials, null, cancellationToken);

        /// <summary>As <see cref="GetCredentialsAsync(AWSCredentials, CancellationToken)"/>, naming the caller's credential source in errors.</summary>
        public static Task<ImmutableCredentials> GetCredentialsAsync(ResolvedCaller caller, CancellationToken cancellationToken)
        {
            if (caller is null)
            {
                throw new ArgumentNullException(nameof(caller));
            }

            return GetCredentialsAsync(caller.Credentials, caller.CredentialSource, cancellationToken);
        }

        private static async Task<ImmutableCredentials> GetCredentialsAsync(AWSCredentials credentials, string? source, CancellationToken cancellationToken)
        {
            if (credentials is null)
            {
                throw new ArgumentNullException(nameof(credentials));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var from = source is null ? string.Empty : " from " + source;
            ImmutableCredentials? keys;
            try
            {
                keys = await WaitAsync(credentials.GetCredentialsAsync(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonClientException or AmazonServiceException or ProcessAWSCredentialException
                                           or InvalidOperationException or System.IO.IOException)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.CredentialsUnavailable,
                    $"The AWS credentials{from} could not give keys: {e.Message} Refresh or correct them (for a profile: its keys, credential_process or SSO login), or pass other credentials.",
                    e);
            }

            if (keys is null || string.IsNullOrEmpty(keys.AccessKey) || string.IsNullOrEmpty(keys.SecretKey))
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.CredentialsUnavailable,
                    $"The AWS credentials{from} gave no access key. Anonymous credentials cannot call S3 Batch Operations; pass credentials with keys.",
                    null);
            }

            return keys;
        }

        /// <summary>Waits for <paramref name="task"/>, or stops waiting (the task goes on) when the token is cancelled.</summary>
        internal static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                var first = await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
                if (first != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await task.ConfigureAwait(false);
        }
    }
}
