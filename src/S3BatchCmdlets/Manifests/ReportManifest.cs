using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace S3Batch.Manifests
{
    /// <summary>One result file listed in a completion report's manifest.json.</summary>
    public sealed class ReportManifestResult
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="taskExecutionStatus">The status of the tasks in the file (<c>succeeded</c>, <c>failed</c>).</param>
        /// <param name="bucket">The bucket that holds the file.</param>
        /// <param name="md5Checksum">The file's MD5, as hex.</param>
        /// <param name="key">The file's key.</param>
        public ReportManifestResult(string? taskExecutionStatus, string bucket, string? md5Checksum, string key)
        {
            TaskExecutionStatus = taskExecutionStatus;
            Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
            MD5Checksum = md5Checksum;
            Key = key ?? throw new ArgumentNullException(nameof(key));
        }

        /// <summary>The status of the tasks in the file: <c>succeeded</c> or <c>failed</c>.</summary>
        public string? TaskExecutionStatus { get; }

        /// <summary>The bucket that holds the file.</summary>
        public string Bucket { get; }

        /// <summary>The file's MD5 checksum, as lowercase hex (as AWS writes it).</summary>
        public string? MD5Checksum { get; }

        /// <summary>The file's key (a plain S3 key: JSON strings need no URL encoding).</summary>
        public string Key { get; }
    }

    /// <summary>
    /// The top-level <c>manifest.json</c> of an S3 Batch Operations completion report: where the
    /// result CSV files are. Layout from "Examples: S3 Batch Operations completion reports",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html:
    /// <c>{"Format": "Report_CSV_20180820", "ReportCreationDate": "2019-04-05T17:48:39.725Z",
    /// "Results": [{"TaskExecutionStatus", "Bucket", "MD5Checksum", "Key"}], "ReportSchema": "..."}</c>.
    /// </summary>
    public sealed class ReportManifest
    {
        /// <summary>The only report format S3 Batch Operations writes.</summary>
        public const string ReportCsvFormat = "Report_CSV_20180820";

        private ReportManifest(string? format, string? reportCreationDateText, DateTimeOffset? reportCreationDate, string? reportSchema, IReadOnlyList<ReportManifestResult> results)
        {
            Format = format;
            ReportCreationDateText = reportCreationDateText;
            ReportCreationDate = reportCreationDate;
            ReportSchema = reportSchema;
            Results = results;
        }

        /// <summary>The report format: <c>Report_CSV_20180820</c>.</summary>
        public string? Format { get; }

        /// <summary>When the report was made, or null when absent or not an ISO 8601 date.</summary>
        public DateTimeOffset? ReportCreationDate { get; }

        /// <summary>ReportCreationDate as written.</summary>
        public string? ReportCreationDateText { get; }

        /// <summary>
        /// The schema string as written. AWS writes
        /// <c>Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage</c>, though its
        /// rows put HTTPStatusCode before ErrorCode (see <see cref="ReportCsvReader"/>).
        /// </summary>
        public string? ReportSchema { get; }

        /// <summary>The result files, in the order listed.</summary>
        public IReadOnlyList<ReportManifestResult> Results { get; }

        /// <summary>Parses manifest.json from a stream (UTF-8).</summary>
        /// <param name="stream">The manifest.json object's content.</param>
        /// <returns>The parsed manifest.</returns>
        /// <exception cref="ReportFormatException">Not JSON, or not a report manifest.</exception>
        public static ReportManifest Parse(Stream stream)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(stream, Options);
                return FromDocument(document);
            }
            catch (JsonException e)
            {
                throw NotJson(e);
            }
        }

        /// <summary>Parses manifest.json from its text.</summary>
        /// <param name="json">The manifest.json object's content.</param>
        /// <returns>The parsed manifest.</returns>
        /// <exception cref="ReportFormatException">Not JSON, or not a report manifest.</exception>
        public static ReportManifest Parse(string json)
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(json, Options);
                return FromDocument(document);
            }
            catch (JsonException e)
            {
                throw NotJson(e);
            }
        }

        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        };

        private static ReportFormatException NotJson(JsonException e) =>
            new ReportFormatException(0, $"The completion report's manifest.json is not valid JSON: {e.Message}", e);

        private static ReportManifest FromDocument(JsonDocument document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ReportFormatException(0, "The completion report's manifest.json is not a JSON object.");
            }

            string? format = GetString(root, "Format");
            string? dateText = GetString(root, "ReportCreationDate");
            string? schema = GetString(root, "ReportSchema");
            if (!root.TryGetProperty(nameof(Results), out JsonElement results) || results.ValueKind != JsonValueKind.Array)
            {
                throw new ReportFormatException(0, "The completion report's manifest.json has no Results array.");
            }

            var list = new List<ReportManifestResult>(results.GetArrayLength());
            int index = 0;
            foreach (JsonElement entry in results.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new ReportFormatException(0, $"Results[{index}] of the completion report's manifest.json is not an object.");
                }

                string? bucket = GetString(entry, "Bucket");
                string? key = GetString(entry, "Key");
                if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key))
                {
                    throw new ReportFormatException(0, $"Results[{index}] of the completion report's manifest.json has no Bucket or no Key.");
                }

                list.Add(new ReportManifestResult(GetString(entry, "TaskExecutionStatus"), bucket!, GetString(entry, "MD5Checksum"), key!));
                index++;
            }

            return new ReportManifest(format, dateText, ParseDate(dateText), schema, list.AsReadOnly());
        }

        private static string? GetString(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw new ReportFormatException(0, $"'{name}' in the completion report's manifest.json is not a string.");
            }

            return value.GetString();
        }

        private static DateTimeOffset? ParseDate(string? text)
        {
            if (text is null)
            {
                return null;
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset value)
                ? value
                : null;
        }
    }
}
