using System;
using System.Linq;
using S3Batch.Jobs;
using S3Batch.Model;
using Xunit;

namespace S3Batch.Tests.Jobs
{
    public sealed class JobWaiterTests
    {
        private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("Complete", "Finished")]
        [InlineData("Failed", "Finished")]
        [InlineData("Cancelled", "Finished")]
        [InlineData("Suspended", "AwaitingConfirmation")]
        [InlineData("New", "Waiting")]
        [InlineData("Preparing", "Waiting")]
        [InlineData("Ready", "Waiting")]
        [InlineData("Active", "Waiting")]
        [InlineData("Pausing", "Waiting")]
        [InlineData("Paused", "Waiting")]
        [InlineData("Completing", "Waiting")]
        [InlineData("Failing", "Waiting")]
        [InlineData("Cancelling", "Waiting")]
        [InlineData("SomethingNew", "Waiting")]
        [InlineData(null, "Waiting")]
        public void ClassifiesEveryStatusOfTheModel(string? status, string expected) =>
            Assert.Equal(expected, JobWaiter.Classify(status).ToString());

        [Fact]
        public void TheThirteenStatusesAreCovered()
        {
            Assert.Equal(13, JobStatuses.All.Count);
            Assert.Equal(3, JobStatuses.All.Count(s => JobWaiter.Classify(s) == WaitOutcome.Finished));
            Assert.Single(JobStatuses.All, s => JobWaiter.Classify(s) == WaitOutcome.AwaitingConfirmation);
            Assert.Equal(9, JobStatuses.All.Count(s => JobWaiter.Classify(s) == WaitOutcome.Waiting));
        }

        [Fact]
        public void BackoffStartsAtThePollIntervalAndGrowsByHalfUpToTheCap()
        {
            var backoff = new PollBackoff(TimeSpan.FromSeconds(5));
            var seconds = Enumerable.Range(0, 12).Select(_ => backoff.Next().TotalSeconds).ToArray();
            Assert.Equal(new[] { 5, 7.5, 11.25, 16.875, 25.3125, 37.96875, 56.953125, 60, 60, 60, 60, 60 }, seconds);
        }

        [Fact]
        public void TheCapIsThePollIntervalWhenThatIsLonger()
        {
            var backoff = new PollBackoff(TimeSpan.FromSeconds(90));
            Assert.Equal(TimeSpan.FromSeconds(90), backoff.Cap);
            Assert.Equal(TimeSpan.FromSeconds(90), backoff.Next());
            Assert.Equal(TimeSpan.FromSeconds(90), backoff.Next());
        }

        [Fact]
        public void FractionalIntervalsWork()
        {
            var backoff = new PollBackoff(TimeSpan.FromSeconds(0.2));
            Assert.Equal(200, backoff.Next().TotalMilliseconds, 3);
            Assert.Equal(300, backoff.Next().TotalMilliseconds, 3);
            Assert.Equal(450, backoff.Next().TotalMilliseconds, 3);
        }

        [Fact]
        public void RefusesAnIntervalThatIsNotPositive() =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new PollBackoff(TimeSpan.Zero));

        [Fact]
        public void WatchesEachJobOnceWithItsOwnActivityId()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(1), null);
            var a = waiter.Add("e|1|a", "aaaaa", null, out var addedA);
            var b = waiter.Add("e|1|b", "bbbbb", null, out var addedB);
            var again = waiter.Add("e|1|a", "aaaaa", null, out var addedAgain);
            Assert.True(addedA);
            Assert.True(addedB);
            Assert.False(addedAgain);
            Assert.Same(a, again);
            Assert.Equal(2, waiter.Pending.Count);
            Assert.NotEqual(a.ActivityId, b.ActivityId);
        }

        [Fact]
        public void AFinishedOrSuspendedJobStopsBeingWaitedFor()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(1), null);
            var a = waiter.Add("a", "aaaaa", null, out _);
            var b = waiter.Add("b", "bbbbb", null, out _);
            var c = waiter.Add("c", "ccccc", null, out _);

            Assert.Equal(WaitOutcome.Waiting, JobWaiter.Observe(a, Job("Active")));
            Assert.Equal(WaitOutcome.Finished, JobWaiter.Observe(b, Job("Cancelled")));
            Assert.Equal(WaitOutcome.AwaitingConfirmation, JobWaiter.Observe(c, Job("Suspended")));
            Assert.Equal(new[] { a }, waiter.Pending);

            Assert.Equal(WaitOutcome.Finished, JobWaiter.Observe(a, Job("Complete")));
            Assert.Empty(waiter.Pending);
        }

        [Fact]
        public void TellsWhenTheStatusChanged()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(1), null);
            var a = waiter.Add("a", "aaaaa", null, out _);
            JobWaiter.Observe(a, Job("Preparing"));
            Assert.True(a.StatusChanged);
            JobWaiter.Observe(a, Job("Preparing"));
            Assert.False(a.StatusChanged);
            JobWaiter.Observe(a, Job("Active"));
            Assert.True(a.StatusChanged);
            Assert.Equal("Preparing", a.PreviousStatus);
        }

        [Fact]
        public void WithoutATimeoutItNeverExpires()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(1), null);
            waiter.Start(T0);
            Assert.Null(waiter.Deadline);
            Assert.False(waiter.IsPastDeadline(T0.AddYears(1)));
        }

        [Fact]
        public void TheLastDelayIsCutShortByTheDeadline()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
            waiter.Start(T0);
            Assert.Equal(T0.AddSeconds(10), waiter.Deadline);
            Assert.Equal(TimeSpan.FromSeconds(4), waiter.NextDelay(T0));
            Assert.Equal(TimeSpan.FromSeconds(6), waiter.NextDelay(T0.AddSeconds(4)));
            Assert.Equal(TimeSpan.Zero, waiter.NextDelay(T0.AddSeconds(11)));
            Assert.False(waiter.IsPastDeadline(T0.AddSeconds(9.9)));
            Assert.True(waiter.IsPastDeadline(T0.AddSeconds(10)));
        }

        [Fact]
        public void ExpiringGivesEachPendingJobOnce()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(1), TimeSpan.Zero);
            var a = waiter.Add("a", "aaaaa", null, out _);
            var b = waiter.Add("b", "bbbbb", null, out _);
            JobWaiter.Observe(b, Job("Complete"));
            waiter.Start(T0);
            Assert.True(waiter.IsPastDeadline(T0));
            Assert.Equal(new[] { a }, waiter.ExpirePending());
            Assert.Empty(waiter.ExpirePending());
        }

        [Fact]
        public void ADroppedJobIsNoLongerPending()
        {
            var waiter = new JobWaiter(TimeSpan.FromSeconds(1), null);
            var a = waiter.Add("a", "aaaaa", null, out _);
            JobWaiter.Drop(a);
            Assert.Empty(waiter.Pending);
        }

        [Fact]
        public void ProgressShowsSucceededFailedTotalAndPercent()
        {
            var job = Job("Active");
            job.ProgressSummary = new JobProgressSummary { TotalNumberOfTasks = 8, NumberOfTasksSucceeded = 3, NumberOfTasksFailed = 1 };
            var view = JobProgressView.For("job-1", job);
            Assert.Equal("S3 Batch job job-1", view.Activity);
            Assert.Equal("Active: 3 succeeded, 1 failed of 8", view.StatusDescription);
            Assert.Equal(50, view.PercentComplete);
        }

        [Fact]
        public void ProgressBeforeTheTotalIsKnown()
        {
            var view = JobProgressView.For("job-1", Job("Preparing"));
            Assert.Equal("Preparing: 0 succeeded, 0 failed of ?", view.StatusDescription);
            Assert.Equal(-1, view.PercentComplete);

            var none = JobProgressView.For("job-1", null);
            Assert.Equal(-1, none.PercentComplete);

            var empty = Job("Preparing");
            empty.ProgressSummary = new JobProgressSummary { TotalNumberOfTasks = 0 };
            Assert.Equal(-1, JobProgressView.For("job-1", empty).PercentComplete);
        }

        [Fact]
        public void ProgressRoundsDown()
        {
            var job = Job("Active");
            job.ProgressSummary = new JobProgressSummary { TotalNumberOfTasks = 3, NumberOfTasksSucceeded = 2, NumberOfTasksFailed = 0 };
            Assert.Equal(66, JobProgressView.For("j", job).PercentComplete);
        }

        private static S3BatchJob Job(string status) => new() { JobId = "job-1", Status = status };
    }
}
