using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace S3Batch.Manifests
{
    /// <summary>The result of one task of a job, from a completion report.</summary>
    public sealed class TaskResult
    {
        /// <summary>Creates a task result.</summary>
        /// <param name="bucket">The object's bucket.</param>
        /// <param name="key">The object key, decoded.</param>
        /// <param name="versionId">The version id, or null.</param>
        /// <param name="taskStatus">The task status as the report writes it (<c>succeeded</c>, <c>failed</c>).</param>
        /// <param name="errorCode">The error code, or null.</param>
        /// <param name="httpStatusCode">The HTTP status code, or null.</param>
        /// <param name="resultMessage">The result message, or null.</param>
        public TaskResult(string bucket, string key, string? versionId, string taskStatus, string? errorCode, int? httpStatusCode, string? resultMessage)
        {
            Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
            Key = key ?? throw new ArgumentNullException(nameof(key));
            VersionId = versionId;
            TaskStatus = taskStatus ?? throw new ArgumentNullException(nameof(taskStatus));
            ErrorCode = errorCode;
            HttpStatusCode = httpStatusCode;
            ResultMessage = resultMessage;
        }

        /// <summary>The object's bucket.</summary>
        public string Bucket { get; }

        /// <summary>The object key, decoded (as S3 names the object).</summary>
        public string Key { get; }

        /// <summary>The version id, or null when the manifest gave none.</summary>
        public string? VersionId { get; }

        /// <summary>The task status as the report writes it: <c>succeeded</c> or <c>failed</c>.</summary>
        public string TaskStatus { get; }

        /// <summary>The error code (for example <c>PermanentFailure</c>), or null.</summary>
        public string? ErrorCode { get; }

        /// <summary>The HTTP status code, or null when the report has none.</summary>
        public int? HttpStatusCode { get; }

        /// <summary>The result message, or null when empty.</summary>
        public string? ResultMessage { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{TaskStatus} s3://{Bucket}/{Key}";
    }

    /// <summary>
    /// Reads the result CSV files of an S3 Batch Operations completion report (format
    /// Report_CSV_20180820), one <see cref="TaskResult"/> per row, streaming.
    /// </summary>
    /// <remarks>
    /// <para>Format: "Examples: S3 Batch Operations completion reports",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html, and
    /// "Tracking job status and completion reports",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-job-status.html. No header;
    /// RFC 4180 quoting (AWS's examples quote ResultMessage and double the quotes inside it:
    /// <c>"Lambda returned function error: {""errorMessage"":""...""}"</c>).</para>
    /// <para>Column order. manifest.json's ReportSchema says
    /// <c>Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage</c>, but the
    /// rows AWS writes (and shows on that page) put the HTTP status code before the error code:
    /// <c>awsexamplebucket1,image_14975,,failed,200,PermanentFailure,"Lambda returned ..."</c> and
    /// <c>awsexamplebucket1,image_17775,,succeeded,200,,"{...}"</c>. So the fifth column is read as
    /// HTTPStatusCode and the sixth as ErrorCode. A row in the ReportSchema's order (a non-number
    /// in the fifth column and a number in the sixth) is read the other way round, so that both
    /// forms give the same result. Fields past the seventh are a ResultMessage that held unquoted
    /// commas, and are joined back to it.</para>
    /// <para>Keys. The report's Key column is the key as the manifest wrote it, i.e. URL-encoded.
    /// AWS does not say so (its examples only show keys that need no encoding), but a job run on
    /// AWS with a key written <c>%2520</c> in its manifest reported <c>%2520</c>, not the decoded
    /// key (a finding published with public code that reads these reports). So it is percent-decoded with
    /// <see cref="ManifestKeyEncoding.Decode(string, bool)"/>; a <c>+</c> stays a <c>+</c>, as the
    /// manifests this module writes never have a raw <c>+</c> (a <c>+</c> is <c>%2B</c>, a space
    /// <c>%20</c>). For a job whose manifest was an S3 Inventory report, where a space is written
    /// <c>+</c>, pass <c>plusAsSpace: true</c>.</para>
    /// </remarks>
    public static class ReportCsvReader
    {
        private const string Succeeded = "succeeded";
        private const string Failed = "failed";

        /// <summary>Reads the task results; keys are percent-decoded and <c>+</c> stays <c>+</c>.</summary>
        /// <param name="reader">One result CSV file of the report.</param>
        /// <returns>The task results, lazily.</returns>
        /// <exception cref="ReportFormatException">(While enumerating) a row that cannot be read;
        /// it names the line.</exception>
        public static IEnumerable<TaskResult> Read(TextReader reader) => Read(reader, plusAsSpace: false);

        /// <summary>Reads the task results.</summary>
        /// <param name="reader">One result CSV file of the report.</param>
        /// <param name="plusAsSpace">Read a <c>+</c> in a key as a space (for jobs whose manifest
        /// was an S3 Inventory report).</param>
        /// <returns>The task results, lazily.</returns>
        /// <exception cref="ReportFormatException">(While enumerating) a row that cannot be read;
        /// it names the line.</exception>
        public static IEnumerable<TaskResult> Read(TextReader reader, bool plusAsSpace)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            return ReadIterator(reader, plusAsSpace, CsvRecordReader.DefaultBufferSize);
        }

        /// <summary>For tests: reads with a given first buffer size.</summary>
        internal static IEnumerable<TaskResult> Read(TextReader reader, bool plusAsSpace, int bufferSize) =>
            ReadIterator(reader, plusAsSpace, bufferSize);

        private static IEnumerable<TaskResult> ReadIterator(TextReader reader, bool plusAsSpace, int bufferSize)
        {
            var csv = new CsvRecordReader(reader, bufferSize);
            var cache = new RowCache();
            while (true)
            {
                bool more;
                try
                {
                    more = csv.ReadRecord();
                }
                catch (CsvSyntaxException e)
                {
                    throw new ReportFormatException(e.LineNumber, e.Message, e);
                }

                if (!more)
                {
                    yield break;
                }

                yield return ToTaskResult(csv, cache, plusAsSpace);
            }
        }

        private static TaskResult ToTaskResult(CsvRecordReader csv, RowCache cache, bool plusAsSpace)
        {
            int count = csv.FieldCount;
            if (count < 4)
            {
                throw new ReportFormatException(csv.RecordLineNumber,
                    $"it has {count} field(s); a result row has 7: Bucket, Key, VersionId, TaskStatus, HTTPStatusCode, ErrorCode, ResultMessage.");
            }

            if (csv.FieldLength(0) == 0)
            {
                throw new ReportFormatException(csv.RecordLineNumber, "the bucket name is empty.");
            }

            string bucket = Reuse(csv, 0, ref cache.Bucket)!;
            string key;
            try
            {
                key = ManifestKeyEncoding.DecodeChars(csv.Field(1), plusAsSpace, ref cache.KeyScratch);
            }
            catch (FormatException e)
            {
                throw new ReportFormatException(csv.RecordLineNumber, $"the key '{csv.GetString(1)}' cannot be decoded: {e.Message}", e);
            }

            string? versionId = csv.FieldLength(2) == 0 ? null : csv.GetString(2);
            string taskStatus = csv.FieldEquals(3, Succeeded) ? Succeeded
                : csv.FieldEquals(3, Failed) ? Failed
                : Reuse(csv, 3, ref cache.Status) ?? string.Empty;

            int errorField = 5;
            int? httpStatus = null;
            if (count > 4)
            {
                httpStatus = ParseInt(csv, 4);
                if (httpStatus is null && csv.FieldLength(4) > 0 && count > 5 && ParseInt(csv, 5) is int swapped)
                {
                    // A row in the ReportSchema's stated order: ErrorCode, then HTTPStatusCode.
                    httpStatus = swapped;
                    errorField = 4;
                }
            }

            string? errorCode = count > errorField ? Reuse(csv, errorField, ref cache.ErrorCode) : null;
            string? message = null;
            if (count > 6)
            {
                message = count == 7 ? Reuse(csv, 6, ref cache.Message) : JoinFrom(csv, 6);
            }

            return new TaskResult(bucket, key, versionId, taskStatus, errorCode, httpStatus, message);
        }

        // The field as a string, or null when empty. A column that repeats (bucket, error code,
        // "Successful") costs no allocation: the last non-empty value is kept in `last` and handed
        // out again while the text is the same.
        private static string? Reuse(CsvRecordReader csv, int index, ref string? last)
        {
            if (csv.FieldLength(index) == 0)
            {
                return null;
            }

            if (last is null || !csv.FieldEquals(index, last))
            {
                last = csv.GetString(index);
            }

            return last;
        }

        private static int? ParseInt(CsvRecordReader csv, int index)
        {
            ReadOnlySpan<char> text = csv.Field(index);
            if (text.Length == 0 || text.Length > 9)
            {
                return null;
            }

            int value = 0;
            foreach (char c in text)
            {
                int digit = c - '0';
                if (digit < 0 || digit > 9)
                {
                    return null;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        private static string JoinFrom(CsvRecordReader csv, int first)
        {
            var builder = new StringBuilder();
            for (int i = first; i < csv.FieldCount; i++)
            {
                if (i > first)
                {
                    builder.Append(',');
                }

                builder.Append(csv.GetString(i));
            }

            return builder.ToString();
        }

        private sealed class RowCache
        {
            public string? Bucket;
            public string? Status;
            public string? ErrorCode;
            public string? Message;
            public char[] KeyScratch = new char[256];
        }
    }
}
