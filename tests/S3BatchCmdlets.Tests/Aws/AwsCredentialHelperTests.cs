using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    public sealed class AwsCredentialHelperTests
    {
        private sealed class CountingCredentials : AWSCredentials
        {
            private int _calls;

            public int Calls => _calls;

            public override ImmutableCredentials GetCredentials()
            {
                var n = Interlocked.Increment(ref _calls);
                return new ImmutableCredentials("AKIDCOUNT" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), "s", null);
            }
        }

        [Fact]
        public async Task TheCredentialsAreAskedEveryTime()
        {
            var credentials = new CountingCredentials();

            var first = await AwsCredentialHelper.GetCredentialsAsync(credentials, CancellationToken.None);
            var second = await AwsCredentialHelper.GetCredentialsAsync(credentials, CancellationToken.None);

            Assert.Equal("AKIDCOUNT1", first.AccessKey);
            Assert.Equal("AKIDCOUNT2", second.AccessKey);
            Assert.Equal(2, credentials.Calls);
        }

        [Fact]
        public async Task AnonymousCredentialsAreRefused()
        {
            var e = await Assert.ThrowsAsync<S3BatchConfigurationException>(
                () => AwsCredentialHelper.GetCredentialsAsync(new AnonymousAWSCredentials(), CancellationToken.None));
            Assert.Equal(AwsErrorIds.CredentialsUnavailable, e.ErrorId);
        }

        [Fact]
        public async Task ACancelledTokenStops()
        {
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => AwsCredentialHelper.GetCredentialsAsync(new BasicAWSCredentials("A", "s"), cancelled.Token));
        }

        [Fact]
        public async Task WaitAsyncStopsWaitingWhenCancelled()
        {
            var never = new TaskCompletionSource<string>();
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AwsCredentialHelper.WaitAsync(never.Task, cancellation.Token));
        }
    }
}
