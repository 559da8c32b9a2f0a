using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using S3Batch.Model;

namespace S3Batch.Jobs
{
    /// <summary>What a poll found for one job.</summary>
    internal enum WaitOutcome
    {
        /// <summary>Still on its way (New, Preparing, Ready, Active, Pausing, Paused, Completing, Failing, Cancelling, or a status the model may add later).</summary>
        Waiting,

        /// <summary>Complete, Failed or Cancelled: output it.</summary>
        Finished,

        /// <summary>Suspended: it waits for confirmation; output it with a warning.</summary>
        AwaitingConfirmation,
    }

    /// <summary>
    /// The interval between polls: the first is the one asked for, each next one 1.5 times the last,
    /// up to a cap (60 seconds, or the first interval when that is longer).
    /// </summary>
    internal sealed class PollBackoff
    {
        /// <summary>The cap unless the first interval is longer.</summary>
        public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(60);

        /// <summary>How much each interval grows.</summary>
        public const double Factor = 1.5;

        private TimeSpan _next;

        public PollBackoff(TimeSpan first, TimeSpan? cap = null)
        {
            if (first <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(first), first, "The poll interval must be positive.");
            }

            First = first;
            Cap = (cap ?? DefaultCap) > first ? cap ?? DefaultCap : first;
            _next = first;
        }

        /// <summary>The first interval.</summary>
        public TimeSpan First { get; }

        /// <summary>The longest interval.</summary>
        public TimeSpan Cap { get; }

        /// <summary>The interval to wait now; the one after it grows.</summary>
        public TimeSpan Next()
        {
            var current = _next;
            var grown = TimeSpan.FromTicks((long)Math.Min(current.Ticks * Factor, Cap.Ticks));
            _next = grown > Cap ? Cap : grown;
            return current;
        }
    }

    /// <summary>One job being waited for.</summary>
    internal sealed class WatchedJob
    {
        internal WatchedJob(string key, string jobId, int activityId, object? context)
        {
            Key = key;
            JobId = jobId;
            ActivityId = activityId;
            Context = context;
        }

        /// <summary>Where the job lives and its id: the same job given twice is watched once.</summary>
        public string Key { get; }

        /// <summary>The job id.</summary>
        public string JobId { get; }

        /// <summary>Its own Write-Progress activity id.</summary>
        public int ActivityId { get; }

        /// <summary>What the caller needs to poll it (the cmdlet's connection).</summary>
        public object? Context { get; }

        /// <summary>The job as last described, or null before the first poll.</summary>
        public S3BatchJob? Last { get; internal set; }

        /// <summary>The status before the last poll, or null.</summary>
        public string? PreviousStatus { get; internal set; }

        /// <summary>True once the job was output, failed to be described, or timed out.</summary>
        public bool IsDone { get; internal set; }

        /// <summary>True when the last poll changed the status.</summary>
        public bool StatusChanged => Last is not null && !string.Equals(PreviousStatus, Last.Status, StringComparison.Ordinal);
    }

    /// <summary>What Write-Progress shows for one job.</summary>
    internal sealed class JobProgressView
    {
        private JobProgressView(string activity, string statusDescription, int percentComplete)
        {
            Activity = activity;
            StatusDescription = statusDescription;
            PercentComplete = percentComplete;
        }

        /// <summary>"S3 Batch job &lt;id&gt;".</summary>
        public string Activity { get; }

        /// <summary>"&lt;Status&gt;: n succeeded, m failed of t" (t is ? until the service knows it).</summary>
        public string StatusDescription { get; }

        /// <summary>0 to 100, or -1 while the total is unknown.</summary>
        public int PercentComplete { get; }

        /// <summary>The view of <paramref name="job"/> (null: not described yet).</summary>
        public static JobProgressView For(string jobId, S3BatchJob? job)
        {
            var progress = job?.ProgressSummary;
            var total = progress?.TotalNumberOfTasks is long t ? t.ToString(CultureInfo.InvariantCulture) : "?";
            var status = string.Format(CultureInfo.InvariantCulture, "{0}: {1} succeeded, {2} failed of {3}",
                job?.Status ?? "Waiting", progress?.NumberOfTasksSucceeded ?? 0, progress?.NumberOfTasksFailed ?? 0, total);
            var percent = job?.PercentComplete is double p ? (int)Math.Max(0, Math.Min(100, Math.Floor(p))) : -1;
            return new JobProgressView("S3 Batch job " + jobId, status, percent);
        }
    }

    /// <summary>
    /// Waits for several jobs together: which of them still wait, what each poll found, when to poll
    /// next and when the time is up. It sends nothing itself: the caller describes every pending job
    /// once per poll (never more), hands each answer to <see cref="Observe"/>, and waits
    /// <see cref="NextDelay"/> before the next poll.
    /// </summary>
    internal sealed class JobWaiter
    {
        private readonly List<WatchedJob> _jobs = new();
        private readonly Dictionary<string, WatchedJob> _byKey = new(StringComparer.Ordinal);
        private readonly PollBackoff _backoff;
        private readonly TimeSpan? _timeout;
        private DateTime? _deadline;

        public JobWaiter(TimeSpan pollInterval, TimeSpan? timeout, TimeSpan? maxPollInterval = null)
        {
            if (timeout < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
            }

            _backoff = new PollBackoff(pollInterval, maxPollInterval);
            _timeout = timeout;
        }

        /// <summary>Every job added, in order.</summary>
        public IReadOnlyList<WatchedJob> Jobs => _jobs;

        /// <summary>The jobs still waited for.</summary>
        public IReadOnlyList<WatchedJob> Pending => _jobs.Where(j => !j.IsDone).ToList();

        /// <summary>When the time is up (UTC), once <see cref="Start"/> was called with a timeout.</summary>
        public DateTime? Deadline => _deadline;

        /// <summary>Classifies a status: the model's thirteen, and any other as still waiting.</summary>
        public static WaitOutcome Classify(string? status) =>
            JobStatuses.IsFinal(status) ? WaitOutcome.Finished
            : status == JobStatuses.AwaitingConfirmation ? WaitOutcome.AwaitingConfirmation
            : WaitOutcome.Waiting;

        /// <summary>Adds a job; the same <paramref name="key"/> twice gives the job already added, and <paramref name="added"/> false.</summary>
        public WatchedJob Add(string key, string jobId, object? context, out bool added)
        {
            if (_byKey.TryGetValue(key, out var known))
            {
                added = false;
                return known;
            }

            var job = new WatchedJob(key, jobId, _jobs.Count + 1, context);
            _jobs.Add(job);
            _byKey[key] = job;
            added = true;
            return job;
        }

        /// <summary>Starts the clock for the timeout.</summary>
        public void Start(DateTime utcNow) => _deadline = _timeout is TimeSpan t ? utcNow + t : null;

        /// <summary>Records what DescribeJob answered for <paramref name="job"/>; a finished or suspended job stops being waited for.</summary>
        public static WaitOutcome Observe(WatchedJob job, S3BatchJob described)
        {
            job.PreviousStatus = job.Last?.Status;
            job.Last = described;
            var outcome = Classify(described.Status);
            if (outcome != WaitOutcome.Waiting)
            {
                job.IsDone = true;
            }

            return outcome;
        }

        /// <summary>Stops waiting for a job (it could not be described).</summary>
        public static void Drop(WatchedJob job) => job.IsDone = true;

        /// <summary>True when there is a timeout and it has passed.</summary>
        public bool IsPastDeadline(DateTime utcNow) => _deadline is DateTime d && utcNow >= d;

        /// <summary>Marks every pending job done and returns them: the time is up for them.</summary>
        public IReadOnlyList<WatchedJob> ExpirePending()
        {
            var expired = Pending;
            foreach (var job in expired)
            {
                job.IsDone = true;
            }

            return expired;
        }

        /// <summary>How long to wait before the next poll: the backoff's next interval, cut short by the deadline.</summary>
        public TimeSpan NextDelay(DateTime utcNow)
        {
            var delay = _backoff.Next();
            if (_deadline is DateTime d)
            {
                var left = d - utcNow;
                if (left < delay)
                {
                    delay = left > TimeSpan.Zero ? left : TimeSpan.Zero;
                }
            }

            return delay;
        }
    }
}
