using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using S3Batch.Model;
using S3Batch.Protocol;

namespace S3Batch.Jobs
{
    /// <summary>How a status change ended.</summary>
    internal sealed class JobStatusChangeResult
    {
        public JobStatusChangeResult(string jobId, string? status, int attempts, S3BatchJob? describedJob)
        {
            JobId = jobId;
            Status = status;
            Attempts = attempts;
            DescribedJob = describedJob;
        }

        /// <summary>The job.</summary>
        public string JobId { get; }

        /// <summary>The status the service answered with, or the one DescribeJob found.</summary>
        public string? Status { get; }

        /// <summary>Attempts made, the first included.</summary>
        public int Attempts { get; }

        /// <summary>
        /// Set when a retry was refused with JobStatusException because an earlier attempt had already
        /// done the change: the job as DescribeJob found it.
        /// </summary>
        public S3BatchJob? DescribedJob { get; }

        /// <summary>True when an earlier attempt had done the change (see <see cref="DescribedJob"/>).</summary>
        public bool AlreadyReached => DescribedJob is not null;
    }

    /// <summary>
    /// UpdateJobStatus with the SDKs' retries, done here rather than in the client so that a retry can
    /// be told from a first attempt: when a retry is refused with JobStatusException, the earlier attempt
    /// may have reached the service and made the change before its answer was lost. Then DescribeJob
    /// decides: a job already in the requested status, or in one that follows it
    /// (<see cref="JobStatuses.HasReached"/>), counts as done. A first attempt refused is a refusal.
    /// </summary>
    internal static class JobStatusChanger
    {
        /// <summary>
        /// Sends the change with <paramref name="sendOnce"/> (one attempt, no retries of its own) up to
        /// <paramref name="policy"/>'s attempts, waiting its backoff between them.
        /// </summary>
        public static async Task<JobStatusChangeResult> ChangeAsync(
            string jobId,
            string requestedStatus,
            RetryPolicy policy,
            Func<CancellationToken, Task<UpdateJobStatusResult>> sendOnce,
            Func<CancellationToken, Task<S3BatchJob>> describe,
            IRequestLog? log,
            CancellationToken cancel,
            Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            delay ??= Task.Delay;
            for (var attempt = 1; ; attempt++)
            {
                cancel.ThrowIfCancellationRequested();
                Exception failure;
                try
                {
                    var result = await sendOnce(cancel).ConfigureAwait(false);
                    return new JobStatusChangeResult(jobId, result.Status, attempt, null);
                }
                catch (S3BatchServiceException refused) when (refused.ErrorCode == "JobStatusException" && attempt > 1)
                {
                    var job = await describe(cancel).ConfigureAwait(false);
                    if (JobStatuses.HasReached(requestedStatus, job.Status))
                    {
                        log?.Verbose($"UpdateJobStatus: attempt {attempt} was refused ({refused.ServiceMessage}), but job {jobId} is already {job.Status}: an earlier attempt made the change.");
                        return new JobStatusChangeResult(jobId, job.Status, attempt, job);
                    }

                    throw;
                }
                catch (S3BatchServiceException error) when (RetryPolicy.IsRetryable(error))
                {
                    failure = error;
                }
                catch (S3BatchOutcomeUnknownException unknown)
                {
                    failure = unknown;
                }

                if (attempt >= policy.MaxAttempts)
                {
                    if (failure is S3BatchOutcomeUnknownException lost)
                    {
                        throw new S3BatchOutcomeUnknownException(
                            $"UpdateJobStatus ({requestedStatus}) for job {jobId} got no answer after {attempt} attempt(s) ({lost.InnerException?.Message ?? lost.Message}). The status may or may not have changed: check it with Get-S3BatchJob -JobId {jobId}.",
                            lost.Operation, null, lost.InnerException ?? lost);
                    }

                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                var wait = policy.Backoff(attempt);
                log?.Verbose($"UpdateJobStatus: {Describe(failure)}; retrying in {wait.TotalMilliseconds:F0} ms.");
                await delay(wait, cancel).ConfigureAwait(false);
            }
        }

        private static string Describe(Exception error) => error switch
        {
            S3BatchServiceException s => $"{s.ErrorCode} (HTTP {s.StatusCode})",
            _ => error.InnerException?.Message ?? error.Message,
        };
    }
}
