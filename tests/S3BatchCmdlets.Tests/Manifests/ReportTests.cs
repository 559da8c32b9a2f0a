using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using S3Batch.Manifests;
using Xunit;

namespace S3Batch.Tests.Manifests
{
    // The samples below are from "Examples: S3 Batch Operations completion reports",
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html
    public sealed class ReportManifestTests
    {
        internal const string AwsManifestJson = @"{
    ""Format"": ""Report_CSV_20180820"",
    ""ReportCreationDate"": ""2019-04-05T17:48:39.725Z"",
    ""Results"": [
        {
            ""TaskExecutionStatus"": ""succeeded"",
            ""Bucket"": ""my-job-reports"",
            ""MD5Checksum"": ""83b1c4cbe93fc893f54053697e10fd6e"",
            ""Key"": ""job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv""
        },
        {
            ""TaskExecutionStatus"": ""failed"",
            ""Bucket"": ""my-job-reports"",
            ""MD5Checksum"": ""22ee037f3515975f7719699e5c416eaa"",
            ""Key"": ""job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv""
        }
    ],
    ""ReportSchema"": ""Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage""
}";

        [Fact]
        public void ParsesAwsSampleManifestJson()
        {
            ReportManifest manifest = ReportManifest.Parse(AwsManifestJson);

            Assert.Equal(ReportManifest.ReportCsvFormat, manifest.Format);
            Assert.Equal(new DateTimeOffset(2019, 4, 5, 17, 48, 39, 725, TimeSpan.Zero), manifest.ReportCreationDate);
            Assert.Equal("2019-04-05T17:48:39.725Z", manifest.ReportCreationDateText);
            Assert.Equal("Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage", manifest.ReportSchema);
            Assert.Equal(2, manifest.Results.Count);
            Assert.Equal("succeeded", manifest.Results[0].TaskExecutionStatus);
            Assert.Equal("my-job-reports", manifest.Results[0].Bucket);
            Assert.Equal("83b1c4cbe93fc893f54053697e10fd6e", manifest.Results[0].MD5Checksum);
            Assert.Equal("job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv", manifest.Results[0].Key);
            Assert.Equal("failed", manifest.Results[1].TaskExecutionStatus);
            Assert.Equal("22ee037f3515975f7719699e5c416eaa", manifest.Results[1].MD5Checksum);
        }

        [Fact]
        public void ParsesFromAStream()
        {
            ReportManifest manifest = ReportManifest.Parse(new MemoryStream(Encoding.UTF8.GetBytes(AwsManifestJson)));
            Assert.Equal(2, manifest.Results.Count);
        }

        [Fact]
        public void KeepsADateItCannotReadAsText()
        {
            ReportManifest manifest = ReportManifest.Parse(@"{""ReportCreationDate"": ""2019-04-05T17:48:39:725000Z"", ""Results"": []}");
            Assert.Null(manifest.ReportCreationDate);
            Assert.Equal("2019-04-05T17:48:39:725000Z", manifest.ReportCreationDateText);
            Assert.Null(manifest.Format);
            Assert.Empty(manifest.Results);
        }

        [Theory]
        [InlineData("not json", "not valid JSON")]
        [InlineData("[]", "not a JSON object")]
        [InlineData(@"{""Format"": ""Report_CSV_20180820""}", "no Results")]
        [InlineData(@"{""Results"": [1]}", "Results[0]")]
        [InlineData(@"{""Results"": [{""Bucket"": ""b""}]}", "no Key")]
        [InlineData(@"{""Format"": 7, ""Results"": []}", "'Format'")]
        public void RefusesWhatIsNotAReportManifest(string json, string reason)
        {
            var e = Assert.Throws<ReportFormatException>(() => ReportManifest.Parse(json));
            Assert.Equal("ReportFormat", e.ErrorId);
            Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        }
    }

    public sealed class ReportCsvReaderTests
    {
        // Rows from https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html:
        // the HTTP status code comes before the error code, whatever ReportSchema says.
        private const string AwsFailedRows =
            "awsexamplebucket1,image_14975,,failed,200,PermanentFailure,\"Lambda returned function error: {\"\"errorMessage\"\":\"\"2019-04-05T17:35:21.155Z 2845ca0d-38d9-4c4b-abcf-379dc749c452 Task timed out after 3.00 seconds\"\"}\"\n"
            + "awsexamplebucket1,image_15897,,failed,200,PermanentFailure,\"Lambda returned function error: {\"\"errorMessage\"\":\"\"2019-04-05T17:35:29.610Z 2d0a330b-de9b-425f-b511-29232fde5fe4 Task timed out after 3.00 seconds\"\"}\"\n";

        private const string AwsSucceededRow =
            "awsexamplebucket1,image_17775,,succeeded,200,,\"{u'CopySourceVersionId': 'xVR78haVKlRnurYofbTfYr3ufYbktF8h', u'CopyObjectResult': {u'LastModified': datetime.datetime(2019, 4, 5, 17, 35, 39, tzinfo=tzlocal()), u'ETag': '\"\"fe66f4390c50f29798f040d7aae72784\"\"'}, 'ResponseMetadata': {'HTTPStatusCode': 200, 'RetryAttempts': 0}}\"\n";

        private static List<TaskResult> Read(string csv, bool plusAsSpace = false) =>
            ReportCsvReader.Read(new StringReader(csv), plusAsSpace).ToList();

        [Fact]
        public void ReadsAwsFailedTaskRows()
        {
            List<TaskResult> results = Read(AwsFailedRows);

            Assert.Equal(2, results.Count);
            TaskResult first = results[0];
            Assert.Equal("awsexamplebucket1", first.Bucket);
            Assert.Equal("image_14975", first.Key);
            Assert.Null(first.VersionId);
            Assert.Equal("failed", first.TaskStatus);
            Assert.Equal(200, first.HttpStatusCode);
            Assert.Equal("PermanentFailure", first.ErrorCode);
            Assert.Equal(
                "Lambda returned function error: {\"errorMessage\":\"2019-04-05T17:35:21.155Z 2845ca0d-38d9-4c4b-abcf-379dc749c452 Task timed out after 3.00 seconds\"}",
                first.ResultMessage);
            Assert.Equal("image_15897", results[1].Key);
        }

        [Fact]
        public void ReadsAwsSucceededRowWithCommasAndQuotesInItsMessage()
        {
            TaskResult result = Assert.Single(Read(AwsSucceededRow));

            Assert.Equal("succeeded", result.TaskStatus);
            Assert.Equal(200, result.HttpStatusCode);
            Assert.Null(result.ErrorCode);
            Assert.StartsWith("{u'CopySourceVersionId': 'xVR78haVKlRnurYofbTfYr3ufYbktF8h', u'CopyObjectResult'", result.ResultMessage, StringComparison.Ordinal);
            Assert.Contains("u'ETag': '\"fe66f4390c50f29798f040d7aae72784\"'", result.ResultMessage, StringComparison.Ordinal);
            Assert.EndsWith("'RetryAttempts': 0}}", result.ResultMessage, StringComparison.Ordinal);
        }

        [Fact]
        public void ReadsCrlfLineBreaksAndLineBreaksInsideQuotes()
        {
            string csv = "b,k1,v1,failed,403,AccessDenied,\"Access Denied\r\nsecond line\nthird, with comma\"\r\n"
                + "b,k2,,succeeded,200,,Successful\r\n"
                + "\r\n"
                + "b,k3,,succeeded,200,,\"\"";
            List<TaskResult> results = Read(csv);

            Assert.Equal(3, results.Count);
            Assert.Equal("v1", results[0].VersionId);
            Assert.Equal(403, results[0].HttpStatusCode);
            Assert.Equal("AccessDenied", results[0].ErrorCode);
            Assert.Equal("Access Denied\r\nsecond line\nthird, with comma", results[0].ResultMessage);
            Assert.Equal("Successful", results[1].ResultMessage);
            Assert.Null(results[2].ResultMessage);
        }

        [Fact]
        public void DecodesKeysAsTheManifestEncodedThem()
        {
            string key = "dir/a+b c%d,\"ü😀\"\n.txt";
            string csv = $"b,{ManifestKeyEncoding.Encode(key)},,succeeded,200,,Successful\n"
                + "b,raw+plus,,succeeded,200,,Successful\n";
            List<TaskResult> results = Read(csv);

            Assert.Equal(key, results[0].Key);
            Assert.Equal("raw+plus", results[1].Key);
            Assert.Equal("raw plus", Read(csv, plusAsSpace: true)[1].Key);
            Assert.Equal(key, Read(csv, plusAsSpace: true)[0].Key);
        }

        [Fact]
        public void ReadsRowsInTheReportSchemasStatedOrderToo()
        {
            TaskResult result = Assert.Single(Read("b,k,,failed,NoSuchKey,404,Not Found\n"));
            Assert.Equal("NoSuchKey", result.ErrorCode);
            Assert.Equal(404, result.HttpStatusCode);
            Assert.Equal("Not Found", result.ResultMessage);
        }

        [Fact]
        public void JoinsAnUnquotedMessageThatHeldCommas()
        {
            TaskResult result = Assert.Single(Read("b,k,,failed,500,InternalError,We encountered an internal error, please try again.,really\n"));
            Assert.Equal("We encountered an internal error, please try again.,really", result.ResultMessage);
        }

        [Fact]
        public void ReadsShortRowsWithMissingTrailingFieldsAsNull()
        {
            TaskResult result = Assert.Single(Read("b,k,,succeeded\n"));
            Assert.Null(result.HttpStatusCode);
            Assert.Null(result.ErrorCode);
            Assert.Null(result.ResultMessage);
        }

        [Theory]
        [InlineData("b,k,,succeeded,200,,ok\nb,k2\n", 2, "2 field(s)")]
        [InlineData("b,k,,succeeded,200,,ok\n,k,,failed,1,,\n", 2, "bucket name is empty")]
        [InlineData("b,k,,succeeded,200,,ok\r\nb,k,,succeeded,200,,\"a\r\nb\r\n\r\nb,%zz,,failed,1,x,y\r\n", 2, "not closed")]
        [InlineData("b,k,,succeeded,200,,\"multi\nline\"\nb,%E2%82,,failed,500,x,y\n", 3, "cannot be decoded")]
        [InlineData("b,k,,failed,500,x,\"quoted\"trailing\n", 1, "follows the closing quote")]
        public void NamesTheLineOfARowThatCannotBeRead(string csv, long line, string reason)
        {
            var e = Assert.Throws<ReportFormatException>(() => Read(csv));
            Assert.Equal(line, e.LineNumber);
            Assert.Equal("ReportFormat", e.ErrorId);
            Assert.Contains($"line {line}", e.Message, StringComparison.Ordinal);
            Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ReadsTheSameWhateverSizeTheReadsComeIn()
        {
            var random = new Random(7);
            var expected = new List<TaskResult>();
            var csv = new StringBuilder();
            for (int i = 0; i < 2000; i++)
            {
                string key = ManifestRoundTripTests.RandomKey(random);
                key = key.Substring(0, Math.Min(key.Length, 1 + random.Next(20)));
                if (char.IsHighSurrogate(key[key.Length - 1]))
                {
                    key = string.Concat(key.AsSpan(0, key.Length - 1), "h");
                }

                string message = i % 3 == 0 ? "Successful" : $"line one, \"two\"\r\nline {i}\n";
                bool failed = i % 3 != 0;
                expected.Add(new TaskResult("bucket", key, i % 2 == 0 ? null : "v" + i, failed ? "failed" : "succeeded", failed ? "Code" + (i % 4) : null, failed ? 400 + (i % 4) : 200, message));
                csv.Append("bucket,").Append(ManifestKeyEncoding.Encode(key)).Append(',').Append(i % 2 == 0 ? string.Empty : "v" + i).Append(',')
                    .Append(failed ? "failed" : "succeeded").Append(',').Append(failed ? 400 + (i % 4) : 200).Append(',')
                    .Append(failed ? "Code" + (i % 4) : string.Empty).Append(',').Append(Quote(message)).Append(i % 5 == 0 ? "\r\n" : "\n");
            }

            // A message far longer than the reader's buffer.
            string huge = new string('m', 200_000) + ",\"" + new string('n', 70_000);
            expected.Add(new TaskResult("bucket", "huge", null, "failed", "Big", 500, huge));
            csv.Append("bucket,huge,,failed,500,Big,").Append(Quote(huge)).Append('\n');

            foreach (int chunk in new[] { 1, 3, 4096, int.MaxValue })
            {
                List<TaskResult> results = ReportCsvReader.Read(new ChunkedReader(csv.ToString(), chunk)).ToList();
                Assert.Equal(expected.Count, results.Count);
                for (int i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i].Key, results[i].Key);
                    Assert.Equal(expected[i].VersionId, results[i].VersionId);
                    Assert.Equal(expected[i].TaskStatus, results[i].TaskStatus);
                    Assert.Equal(expected[i].ErrorCode, results[i].ErrorCode);
                    Assert.Equal(expected[i].HttpStatusCode, results[i].HttpStatusCode);
                    Assert.Equal(expected[i].ResultMessage, results[i].ResultMessage);
                }
            }
        }

        [Fact]
        public void ReadsTheSameWhateverTheBufferSize()
        {
            // Every kind of boundary: CRLF, CR alone, LF, quotes at the edges, doubled quotes,
            // empty fields, empty lines, a final row without a line break.
            const string csv = "b,k1,,succeeded,200,,ok\r\n"
                + "b,k%202,v2,failed,403,AccessDenied,\"\"\"quoted\"\" at start, and \r\n a break\"\r"
                + "\n\r\n"
                + "bb,k3,,failed,500,InternalError,\"\"\n"
                + "b,k4,,failed,404,NoSuchKey,\"ends with a quote\"\"\"\r"
                + "b,k5,,succeeded,200,,last";
            List<TaskResult> expected = ReportCsvReader.Read(new StringReader(csv)).ToList();
            Assert.Equal(5, expected.Count);
            Assert.Equal("k 2", expected[1].Key);
            Assert.Equal("\"quoted\" at start, and \r\n a break", expected[1].ResultMessage);
            Assert.Null(expected[2].ResultMessage);
            Assert.Equal("ends with a quote\"", expected[3].ResultMessage);
            Assert.Equal("last", expected[4].ResultMessage);

            for (int size = 1; size <= csv.Length + 1; size++)
            {
                List<TaskResult> results = ReportCsvReader.Read(new StringReader(csv), false, size).ToList();
                Assert.Equal(expected.Count, results.Count);
                for (int i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i].Bucket, results[i].Bucket);
                    Assert.Equal(expected[i].Key, results[i].Key);
                    Assert.Equal(expected[i].VersionId, results[i].VersionId);
                    Assert.Equal(expected[i].ErrorCode, results[i].ErrorCode);
                    Assert.Equal(expected[i].HttpStatusCode, results[i].HttpStatusCode);
                    Assert.Equal(expected[i].ResultMessage, results[i].ResultMessage);
                }
            }
        }

        [Fact]
        public void NamesTheRightLineWhateverTheBufferSize()
        {
            const string csv = "b,k,,succeeded,200,,\"two\r\nlines\"\r\nb,k,,succeeded,200,,ok\nb,%G1,,failed,1,x,y\n";
            for (int size = 1; size <= csv.Length + 1; size++)
            {
                var e = Assert.Throws<ReportFormatException>(() => ReportCsvReader.Read(new StringReader(csv), false, size).ToList());
                Assert.Equal(4, e.LineNumber);
            }
        }

        [Fact]
        public void ReadsLazily()
        {
            var reader = new StringReader("b,k,,succeeded,200,,ok\nb,%ZZ,,failed,1,x,y\n");
            using IEnumerator<TaskResult> results = ReportCsvReader.Read(reader).GetEnumerator();
            Assert.True(results.MoveNext());
            Assert.Equal("k", results.Current.Key);
            Assert.Throws<ReportFormatException>(() => results.MoveNext());
        }

        [Fact]
        public void RefusesANullReader()
        {
            Assert.Throws<ArgumentNullException>(() => ReportCsvReader.Read(null!));
        }

        private static readonly SearchValues<char> CsvSpecials = SearchValues.Create(",\"\r\n");

        private static string Quote(string field) =>
            field.AsSpan().IndexOfAny(CsvSpecials) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        // Hands out at most `chunk` chars per Read, to hit every place where a record crosses a refill.
        private sealed class ChunkedReader : TextReader
        {
            private readonly string _text;
            private readonly int _chunk;
            private int _position;

            public ChunkedReader(string text, int chunk)
            {
                _text = text;
                _chunk = chunk;
            }

            public override int Read(char[] buffer, int index, int count)
            {
                int n = Math.Min(Math.Min(count, _chunk), _text.Length - _position);
                _text.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }
        }
    }

    public sealed class ReportSummaryTests
    {
        [Fact]
        public void CountsByStatusAndByStatusAndErrorCode()
        {
            var results = new[]
            {
                new TaskResult("b", "1", null, "succeeded", null, 200, "Successful"),
                new TaskResult("b", "2", null, "succeeded", null, 200, "Successful"),
                new TaskResult("b", "3", null, "failed", "AccessDenied", 403, "Access Denied"),
                new TaskResult("b", "4", null, "failed", "NoSuchKey", 404, "Not Found"),
                new TaskResult("b", "5", null, "failed", "AccessDenied", 403, "Access Denied"),
                new TaskResult("b", "6", null, "failed", "AccessDenied", 403, "Access Denied"),
                new TaskResult("b", "7", null, "failed", null, 500, null),
            };

            ReportSummary summary = ReportSummary.From(results);

            Assert.Equal(7, summary.Total);
            Assert.Equal(2, summary.CountOf("succeeded"));
            Assert.Equal(5, summary.CountOf("failed"));
            Assert.Equal(0, summary.CountOf("cancelled"));
            Assert.Equal(3, summary.CountOf("failed", "AccessDenied"));
            Assert.Equal(1, summary.CountOf("failed", null));
            Assert.Equal(2, summary.CountOf("succeeded", null));

            Assert.Equal("failed: 5|succeeded: 2", string.Join("|", summary.ByStatus));
            Assert.Equal("failed AccessDenied: 3|succeeded: 2|failed: 1|failed NoSuchKey: 1", string.Join("|", summary.ByStatusAndErrorCode));
            Assert.Null(summary.ByStatusAndErrorCode[1].ErrorCode);
        }

        [Fact]
        public void SummarisesAwsSampleRowsStreaming()
        {
            const string csv =
                "awsexamplebucket1,image_14975,,failed,200,PermanentFailure,\"Lambda returned function error: {\"\"errorMessage\"\":\"\"x\"\"}\"\n"
                + "awsexamplebucket1,image_17775,,succeeded,200,,\"{u'CopySourceVersionId': 'xVR78haVKlRnurYofbTfYr3ufYbktF8h'}\"\n";
            ReportSummary summary = ReportSummary.From(ReportCsvReader.Read(new StringReader(csv)));
            Assert.Equal(1, summary.CountOf("failed", "PermanentFailure"));
            Assert.Equal(1, summary.CountOf("succeeded"));
        }

        [Fact]
        public void AnEmptyReportCountsNothing()
        {
            ReportSummary summary = ReportSummary.From(ReportCsvReader.Read(new StringReader(string.Empty)));
            Assert.Equal(0, summary.Total);
            Assert.Empty(summary.ByStatus);
            Assert.Empty(summary.ByStatusAndErrorCode);
        }
    }
}
