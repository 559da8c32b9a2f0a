using System;

namespace S3Batch.Manifests
{
    /// <summary>
    /// A CSV manifest would mix rows with and without version ids. S3 Batch Operations takes a
    /// manifest whose rows all have a version id, or none does ("Specifying a manifest",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest).
    /// </summary>
    public sealed class ManifestMixedVersionIdsException : InvalidOperationException, IStableError
    {
        /// <summary>The stable error id: <c>MixedVersionIds</c>.</summary>
        public const string StableErrorId = "MixedVersionIds";

        /// <summary>Creates the exception for the row that broke the rule.</summary>
        /// <param name="rowNumber">The 1-based number of the refused row.</param>
        /// <param name="bucket">The refused row's bucket.</param>
        /// <param name="key">The refused row's key.</param>
        /// <param name="rowHasVersionId">Whether the refused row has a version id.</param>
        public ManifestMixedVersionIdsException(long rowNumber, string bucket, string key, bool rowHasVersionId)
            : base(BuildMessage(rowNumber, bucket, key, rowHasVersionId))
        {
            RowNumber = rowNumber;
            Bucket = bucket;
            Key = key;
            RowHasVersionId = rowHasVersionId;
        }

        /// <summary>The stable error id, for ErrorRecords and tests: <c>MixedVersionIds</c>.</summary>
        public string ErrorId { get; } = StableErrorId;

        FailureKind IStableError.Kind => FailureKind.InvalidData;

        /// <summary>The 1-based number of the refused row.</summary>
        public long RowNumber { get; }

        /// <summary>The refused row's bucket.</summary>
        public string Bucket { get; }

        /// <summary>The refused row's key (not encoded).</summary>
        public string Key { get; }

        /// <summary>Whether the refused row has a version id (and the rows before it have none).</summary>
        public bool RowHasVersionId { get; }

        private static string BuildMessage(long rowNumber, string bucket, string key, bool rowHasVersionId)
        {
            string what = rowHasVersionId
                ? "has a version id, but the rows before it have none"
                : "has no version id, but the rows before it have one";
            return $"Manifest row {rowNumber} (s3://{bucket}/{key}) {what}. S3 Batch Operations needs a version id on every row of a CSV manifest or on none. Give every object its version id, or leave the version ids out of all rows.";
        }
    }

    /// <summary>A CSV manifest line that cannot be read.</summary>
    public sealed class ManifestFormatException : FormatException, IStableError
    {
        /// <summary>The stable error id: <c>ManifestFormat</c>.</summary>
        public const string StableErrorId = "ManifestFormat";

        /// <summary>Creates the exception.</summary>
        /// <param name="lineNumber">The 1-based line number.</param>
        /// <param name="message">What is wrong with the line.</param>
        /// <param name="innerException">The cause, if any.</param>
        public ManifestFormatException(long lineNumber, string message, Exception? innerException = null)
            : base($"Manifest line {lineNumber}: {message}", innerException)
        {
            LineNumber = lineNumber;
        }

        /// <summary>The stable error id, for ErrorRecords and tests: <c>ManifestFormat</c>.</summary>
        public string ErrorId { get; } = StableErrorId;

        FailureKind IStableError.Kind => FailureKind.InvalidData;

        /// <summary>The 1-based number of the line that cannot be read.</summary>
        public long LineNumber { get; }
    }

    /// <summary>A completion report (manifest.json or a results CSV) that cannot be read.</summary>
    public sealed class ReportFormatException : FormatException, IStableError
    {
        /// <summary>The stable error id: <c>ReportFormat</c>.</summary>
        public const string StableErrorId = "ReportFormat";

        /// <summary>Creates the exception.</summary>
        /// <param name="lineNumber">The 1-based line number, or 0 when no line applies.</param>
        /// <param name="message">What is wrong.</param>
        /// <param name="innerException">The cause, if any.</param>
        public ReportFormatException(long lineNumber, string message, Exception? innerException = null)
            : base(lineNumber > 0 ? $"Completion report line {lineNumber}: {message}" : message, innerException)
        {
            LineNumber = lineNumber;
        }

        /// <summary>The stable error id, for ErrorRecords and tests: <c>ReportFormat</c>.</summary>
        public string ErrorId { get; } = StableErrorId;

        FailureKind IStableError.Kind => FailureKind.InvalidData;

        /// <summary>The 1-based line number where the bad record starts, or 0 (manifest.json).</summary>
        public long LineNumber { get; }
    }
}
