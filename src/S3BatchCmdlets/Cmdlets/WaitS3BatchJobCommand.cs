using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using S3Batch.Jobs;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Wait-S3BatchJob: watches every job that comes down the pipeline together, showing each one's
    /// progress, and outputs each as soon as it is Complete, Failed or Cancelled (or Suspended, waiting
    /// for confirmation, with a warning). -Timeout gives one error per job still waiting.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "S3BatchJob")]
    [OutputType(typeof(S3BatchJob))]
    public sealed class WaitS3BatchJobCommand : S3BatchJobCmdlet
    {
        private JobWaiter? _waiter;

        /// <summary>The job id; job objects (New-S3BatchJob, Get-S3BatchJob) bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Seconds to wait in all; each job still waiting then gets one error. Without it, waits until every job is done.</summary>
        [Parameter]
        [ValidateRange(0.0, 2147483.0)]
        public double Timeout { get; set; }

        /// <summary>Seconds before the first poll after the first (default 5); each next interval is 1.5 times longer, up to 60 seconds (or this value when it is longer).</summary>
        [Parameter]
        [ValidateRange(0.05, 3600.0)]
        public double PollInterval { get; set; } = 5;

        /// <summary>Every poll describes all waiting jobs at once.</summary>
        internal override bool SendsConcurrently => true;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            TimeSpan? timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : null;
            _waiter = new JobWaiter(TimeSpan.FromSeconds(PollInterval), timeout);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId);
                var context = Connect();
                _waiter!.Add($"{context.Endpoint}|{context.AccountId}|{JobId}", JobId, context, out var added);
                if (!added)
                {
                    WriteVerbose($"Job {JobId} is already being waited for.");
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, JobId);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var waiter = _waiter!;
            if (waiter.Jobs.Count == 0)
            {
                return;
            }

            waiter.Start(DateTime.UtcNow);
            WriteVerbose(waiter.Deadline is DateTime d
                ? $"Waiting for {waiter.Jobs.Count} job(s) until {d.ToLocalTime():T}."
                : $"Waiting for {waiter.Jobs.Count} job(s).");
            while (!CancelToken.IsCancellationRequested)
            {
                var polled = Poll(waiter.Pending);
                if (polled is null)
                {
                    return;
                }

                foreach (var (job, described, error) in polled)
                {
                    Report(job, described, error);
                }

                if (waiter.Pending.Count == 0)
                {
                    return;
                }

                var now = DateTime.UtcNow;
                if (waiter.IsPastDeadline(now))
                {
                    foreach (var job in waiter.ExpirePending())
                    {
                        CompleteProgress(job);
                        WriteError(TimedOut(job));
                    }

                    return;
                }

                var delay = waiter.NextDelay(now);
                WriteDebug($"Next poll in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
                if (CancelToken.WaitHandle.WaitOne(delay))
                {
                    return;
                }
            }
        }

        /// <summary>Describes every pending job once, all at the same time; null when stopped.</summary>
        private List<(WatchedJob Job, S3BatchJob? Described, Exception? Error)>? Poll(IReadOnlyList<WatchedJob> pending)
        {
            try
            {
                return Run(async cancel =>
                {
                    var calls = pending.Select(async job =>
                    {
                        var context = (JobContext)job.Context!;
                        try
                        {
                            var described = await context.Client.DescribeJobAsync(job.JobId, cancel).ConfigureAwait(false);
                            return (job, (S3BatchJob?)context.Stamp(described), (Exception?)null);
                        }
                        catch (Exception error) when (!cancel.IsCancellationRequested)
                        {
                            return (job, (S3BatchJob?)null, (Exception?)error);
                        }
                    });
                    return (await Task.WhenAll(calls).ConfigureAwait(false)).ToList();
                });
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                return null;
            }
        }

        private void Report(WatchedJob job, S3BatchJob? described, Exception? error)
        {
            if (described is null)
            {
                JobWaiter.Drop(job);
                CompleteProgress(job);
                WriteFailure(error!, job.JobId);
                return;
            }

            var outcome = JobWaiter.Observe(job, described);
            if (job.StatusChanged)
            {
                WriteVerbose($"Job {job.JobId}: {job.PreviousStatus ?? "(first poll)"} -> {described.Status} ({described.ProgressSummary?.ToString() ?? "no progress yet"}).");
            }

            switch (outcome)
            {
                case WaitOutcome.Waiting:
                    var view = JobProgressView.For(job.JobId, described);
                    WriteProgress(new ProgressRecord(job.ActivityId, view.Activity, view.StatusDescription) { PercentComplete = view.PercentComplete });
                    break;
                case WaitOutcome.AwaitingConfirmation:
                    CompleteProgress(job);
                    WriteWarning($"Job {job.JobId} is Suspended: it waits for confirmation{(described.SuspendedCause is { } cause ? $" ({cause})" : string.Empty)}. Confirm it with Start-S3BatchJob, or cancel it with Stop-S3BatchJob.");
                    WriteObject(described);
                    break;
                default:
                    CompleteProgress(job);
                    WriteObject(described);
                    break;
            }
        }

        private void CompleteProgress(WatchedJob job)
        {
            var view = JobProgressView.For(job.JobId, job.Last);
            WriteProgress(new ProgressRecord(job.ActivityId, view.Activity, view.StatusDescription) { RecordType = ProgressRecordType.Completed });
        }

        private ErrorRecord TimedOut(WatchedJob job)
        {
            var last = job.Last;
            var seconds = Timeout.ToString("0.###", CultureInfo.InvariantCulture);
            var state = last is null ? "not described yet" : $"{last.Status}, {last.ProgressSummary?.ToString() ?? "no progress yet"}";
            return NewError("Timeout", ErrorCategory.OperationTimeout, job.JobId,
                $"Job {job.JobId} is still running after {seconds} s ({state}). It goes on running; only the waiting stopped.",
                $"Wait again with a longer -Timeout (Wait-S3BatchJob -JobId {job.JobId}), or check it with Get-S3BatchJob.");
        }
    }
}
