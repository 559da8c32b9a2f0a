using System;
using System.Collections.Generic;
using System.Linq;

namespace S3Batch.Manifests
{
    /// <summary>A count of tasks with one status and, for <see cref="ReportSummary.ByStatusAndErrorCode"/>, one error code.</summary>
    public sealed class ReportSummaryEntry
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="taskStatus">The task status.</param>
        /// <param name="errorCode">The error code, or null.</param>
        /// <param name="count">How many tasks.</param>
        public ReportSummaryEntry(string taskStatus, string? errorCode, long count)
        {
            TaskStatus = taskStatus ?? throw new ArgumentNullException(nameof(taskStatus));
            ErrorCode = errorCode;
            Count = count;
        }

        /// <summary>The task status (<c>succeeded</c>, <c>failed</c>).</summary>
        public string TaskStatus { get; }

        /// <summary>The error code, or null for tasks without one.</summary>
        public string? ErrorCode { get; }

        /// <summary>How many tasks.</summary>
        public long Count { get; }

        /// <inheritdoc/>
        public override string ToString() => ErrorCode is null ? $"{TaskStatus}: {Count}" : $"{TaskStatus} {ErrorCode}: {Count}";
    }

    /// <summary>
    /// Counts of task results by status, and by status and error code. Counting keeps one number
    /// per distinct status and error code, whatever the number of tasks.
    /// </summary>
    public sealed class ReportSummary
    {
        private readonly Dictionary<string, Counter> _byStatus = new Dictionary<string, Counter>(StringComparer.Ordinal);
        private readonly Dictionary<StatusAndCode, Counter> _byStatusAndCode = new Dictionary<StatusAndCode, Counter>();

        // The counters of the last task's status and (status, code). ReportCsvReader hands out the same
        // string instance for a value that repeats, so most tasks need no dictionary lookup.
        private string? _lastStatus;
        private Counter? _lastStatusCounter;
        private string? _lastPairStatus;
        private string? _lastPairCode;
        private Counter? _lastPairCounter;

        /// <summary>The number of tasks counted.</summary>
        public long Total { get; private set; }

        /// <summary>Counts tasks one at a time (streaming).</summary>
        /// <param name="results">The task results.</param>
        /// <returns>The summary.</returns>
        public static ReportSummary From(IEnumerable<TaskResult> results)
        {
            if (results is null)
            {
                throw new ArgumentNullException(nameof(results));
            }

            var summary = new ReportSummary();
            foreach (TaskResult result in results)
            {
                summary.Add(result);
            }

            return summary;
        }

        /// <summary>Counts one more task.</summary>
        /// <param name="result">The task result.</param>
        public void Add(TaskResult result)
        {
            if (result is null)
            {
                throw new ArgumentNullException(nameof(result));
            }

            Total++;
            string status = result.TaskStatus;
            string code = result.ErrorCode ?? string.Empty;
            if (!ReferenceEquals(status, _lastStatus) || _lastStatusCounter is null)
            {
                if (!_byStatus.TryGetValue(status, out _lastStatusCounter))
                {
                    _lastStatusCounter = new Counter();
                    _byStatus.Add(status, _lastStatusCounter);
                }

                _lastStatus = status;
            }

            _lastStatusCounter.Value++;
            if (!ReferenceEquals(status, _lastPairStatus) || !ReferenceEquals(code, _lastPairCode) || _lastPairCounter is null)
            {
                var pair = new StatusAndCode(status, code);
                if (!_byStatusAndCode.TryGetValue(pair, out _lastPairCounter))
                {
                    _lastPairCounter = new Counter();
                    _byStatusAndCode.Add(pair, _lastPairCounter);
                }

                _lastPairStatus = status;
                _lastPairCode = code;
            }

            _lastPairCounter.Value++;
        }

        /// <summary>How many tasks have <paramref name="taskStatus"/> (ordinal comparison).</summary>
        /// <param name="taskStatus">The task status, as the report writes it.</param>
        /// <returns>The count, 0 when none.</returns>
        public long CountOf(string taskStatus) =>
            _byStatus.TryGetValue(taskStatus ?? throw new ArgumentNullException(nameof(taskStatus)), out Counter? count) ? count.Value : 0;

        /// <summary>How many tasks have <paramref name="taskStatus"/> and <paramref name="errorCode"/>.</summary>
        /// <param name="taskStatus">The task status, as the report writes it.</param>
        /// <param name="errorCode">The error code, or null for tasks without one.</param>
        /// <returns>The count, 0 when none.</returns>
        public long CountOf(string taskStatus, string? errorCode) =>
            _byStatusAndCode.TryGetValue(new StatusAndCode(taskStatus ?? throw new ArgumentNullException(nameof(taskStatus)), errorCode ?? string.Empty), out Counter? count) ? count.Value : 0;

        /// <summary>Counts by status, most frequent first (then by status, ordinal).</summary>
        public IReadOnlyList<ReportSummaryEntry> ByStatus =>
            _byStatus
                .OrderByDescending(p => p.Value.Value)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ReportSummaryEntry(p.Key, null, p.Value.Value))
                .ToList();

        /// <summary>Counts by status and error code, most frequent first (then by status and code, ordinal).</summary>
        public IReadOnlyList<ReportSummaryEntry> ByStatusAndErrorCode =>
            _byStatusAndCode
                .OrderByDescending(p => p.Value.Value)
                .ThenBy(p => p.Key.Status, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Code, StringComparer.Ordinal)
                .Select(p => new ReportSummaryEntry(p.Key.Status, p.Key.Code.Length == 0 ? null : p.Key.Code, p.Value.Value))
                .ToList();

        private sealed class Counter
        {
            public long Value;
        }

        private readonly struct StatusAndCode : IEquatable<StatusAndCode>
        {
            public StatusAndCode(string status, string code)
            {
                Status = status;
                Code = code;
            }

            public string Status { get; }

            public string Code { get; }

            public bool Equals(StatusAndCode other) =>
                string.Equals(Status, other.Status, StringComparison.Ordinal) && string.Equals(Code, other.Code, StringComparison.Ordinal);

            public override bool Equals(object? obj) => obj is StatusAndCode other && Equals(other);

            public override int GetHashCode() =>
                unchecked((StringComparer.Ordinal.GetHashCode(Status) * 397) ^ StringComparer.Ordinal.GetHashCode(Code));
        }
    }
}
