using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using S3Batch.Jobs;
using S3Batch.Model;
using S3Batch.Protocol;
using Xunit;

namespace S3Batch.Tests.Jobs
{
    public sealed class JobStatusChangerTests
    {
        private static readonly RetryPolicy ThreeAttempts = new("standard", 3, TimeSpan.Zero, TimeSpan.Zero);

        [Theory]
        [InlineData("Cancelled", "Cancelling", true)]
        [InlineData("Cancelled", "Cancelled", true)]
        [InlineData("Cancelled", "Complete", false)]
        [InlineData("Cancelled", "Failed", false)]
        [InlineData("Ready", "Ready", true)]
        [InlineData("Ready", "Active", true)]
        [InlineData("Ready", "Complete", true)]
        [InlineData("Ready", "Suspended", false)]
        [InlineData("Ready", "Cancelled", false)]
        [InlineData("Ready", null, false)]
        public void KnowsWhenARequestedStatusIsReached(string requested, string? actual, bool reached) =>
            Assert.Equal(reached, JobStatuses.HasReached(requested, actual));

        [Fact]
        public void AFirstAttemptThatSucceedsIsOneCall()
        {
            var sends = 0;
            var result = Change("Cancelled", _ => { sends++; return Ok("Cancelling"); }, Describe("Cancelling"));
            Assert.Equal(1, sends);
            Assert.Equal("Cancelling", result.Status);
            Assert.False(result.AlreadyReached);
        }

        [Fact]
        public void AFirstAttemptRefusedIsARefusal()
        {
            var describes = 0;
            var error = Assert.Throws<S3BatchServiceException>(() =>
                Change("Cancelled", _ => throw Refused(), _ => { describes++; return Task.FromResult(new S3BatchJob { Status = "Cancelled" }); }));
            Assert.Equal("JobStatusException", error.ErrorCode);
            Assert.Equal(0, describes);
        }

        [Fact]
        public void ARetryRefusedBecauseTheJobIsAlreadyCancellingCountsAsDone()
        {
            var attempts = new Queue<Func<Task<UpdateJobStatusResult>>>(new Func<Task<UpdateJobStatusResult>>[]
            {
                () => throw Lost(),
                () => throw Refused(),
            });
            var result = Change("Cancelled", _ => attempts.Dequeue()(), Describe("Cancelling"));
            Assert.True(result.AlreadyReached);
            Assert.Equal("Cancelling", result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal("Cancelling", result.DescribedJob!.Status);
        }

        [Fact]
        public void ARetryRefusedAfterAServerErrorCountsAsDoneWhenTheJobRunsOn()
        {
            var attempts = new Queue<Func<Task<UpdateJobStatusResult>>>(new Func<Task<UpdateJobStatusResult>>[]
            {
                () => throw new S3BatchServiceException("UpdateJobStatus", 500, "InternalError", "We encountered an internal error.", null),
                () => throw Refused(),
            });
            var result = Change("Ready", _ => attempts.Dequeue()(), Describe("Active"));
            Assert.True(result.AlreadyReached);
            Assert.Equal("Active", result.Status);
        }

        [Fact]
        public void ARetryRefusedForAnotherReasonIsARefusal()
        {
            var attempts = new Queue<Func<Task<UpdateJobStatusResult>>>(new Func<Task<UpdateJobStatusResult>>[]
            {
                () => throw Lost(),
                () => throw Refused(),
            });
            var error = Assert.Throws<S3BatchServiceException>(() => Change("Cancelled", _ => attempts.Dequeue()(), Describe("Complete")));
            Assert.Equal("JobStatusException", error.ErrorCode);
        }

        [Fact]
        public void OtherClientErrorsAreNotRetried()
        {
            var sends = 0;
            var error = Assert.Throws<S3BatchServiceException>(() => Change("Cancelled", _ =>
            {
                sends++;
                throw new S3BatchServiceException("UpdateJobStatus", 404, "NotFoundException", "No such job.", null);
            }, Describe("Active")));
            Assert.Equal(1, sends);
            Assert.Equal("NotFoundException", error.ErrorCode);
        }

        [Fact]
        public void NoAnswerOnEveryAttemptSaysTheOutcomeIsUnknown()
        {
            var sends = 0;
            var error = Assert.Throws<S3BatchOutcomeUnknownException>(() => Change("Cancelled", _ => { sends++; throw Lost(); }, Describe("Active")));
            Assert.Equal(3, sends);
            Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
            Assert.Contains("Get-S3BatchJob", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ThrottlingIsRetriedThenSucceeds()
        {
            var sends = 0;
            var result = Change("Ready", _ =>
            {
                if (++sends < 3)
                {
                    throw new S3BatchServiceException("UpdateJobStatus", 400, "TooManyRequestsException", "Slow down.", null);
                }

                return Ok("Ready");
            }, Describe("Ready"));
            Assert.Equal(3, sends);
            Assert.Equal(3, result.Attempts);
            Assert.False(result.AlreadyReached);
        }

        private static JobStatusChangeResult Change(string requested, Func<CancellationToken, Task<UpdateJobStatusResult>> send, Func<CancellationToken, Task<S3BatchJob>> describe) =>
            JobStatusChanger.ChangeAsync("job-1", requested, ThreeAttempts, send, describe, null, CancellationToken.None, (_, _) => Task.CompletedTask)
                .GetAwaiter().GetResult();

        private static Task<UpdateJobStatusResult> Ok(string status) => Task.FromResult(new UpdateJobStatusResult { JobId = "job-1", Status = status });

        private static Func<CancellationToken, Task<S3BatchJob>> Describe(string status) => _ => Task.FromResult(new S3BatchJob { JobId = "job-1", Status = status });

        private static S3BatchServiceException Refused() =>
            new("UpdateJobStatus", 400, "JobStatusException", "Job job-1 cannot change status now.", "REQ1");

        private static S3BatchOutcomeUnknownException Lost() =>
            new("UpdateJobStatus got no answer after 1 attempt(s).", "UpdateJobStatus", null, new System.IO.IOException("Connection reset by peer"));
    }
}
