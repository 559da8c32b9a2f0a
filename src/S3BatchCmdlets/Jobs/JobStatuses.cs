using System;
using System.Collections.Generic;
using System.Linq;
using S3Batch.Model;

namespace S3Batch.Jobs
{
    /// <summary>What the thirteen job statuses of the model mean to the cmdlets that watch and change jobs.</summary>
    internal static class JobStatuses
    {
        /// <summary>The model's JobStatus values, in the model's order.</summary>
        public static IReadOnlyList<string> All => Shapes.JobStatus.Values!;

        /// <summary>The statuses a job never leaves: Complete, Failed, Cancelled.</summary>
        public static readonly IReadOnlyCollection<string> Final = new[] { "Complete", "Failed", "Cancelled" };

        /// <summary>The status of a job that waits for confirmation (Start-S3BatchJob).</summary>
        public const string AwaitingConfirmation = "Suspended";

        // What a job that reached the requested status can have moved on to since, without anyone else's
        // intervention: Ready runs on (and may finish or fail); Cancelled passes through Cancelling.
        private static readonly Dictionary<string, string[]> Reached = new(StringComparer.Ordinal)
        {
            ["Ready"] = new[] { "Ready", "Active", "Pausing", "Paused", "Completing", "Complete", "Failing", "Failed" },
            ["Cancelled"] = new[] { "Cancelling", "Cancelled" },
        };

        /// <summary>True for Complete, Failed and Cancelled.</summary>
        public static bool IsFinal(string? status) => status is not null && Final.Contains(status, StringComparer.Ordinal);

        /// <summary>
        /// True when a job in <paramref name="actual"/> has already reached <paramref name="requested"/>
        /// (UpdateJobStatus's RequestedJobStatus) or moved on from it: a retried status change that the
        /// service refuses for that reason has in fact been done.
        /// </summary>
        public static bool HasReached(string requested, string? actual) =>
            actual is not null && (Reached.TryGetValue(requested, out var statuses)
                ? statuses.Contains(actual, StringComparer.Ordinal)
                : string.Equals(requested, actual, StringComparison.Ordinal));

        /// <summary>The model's spelling of <paramref name="status"/> (ValidateSet lets any case through), or null when it is none of the thirteen.</summary>
        public static string? Canonical(string status) => All.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));
    }
}
