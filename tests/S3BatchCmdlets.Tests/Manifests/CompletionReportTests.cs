using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using S3Batch.Manifests;
using S3Batch.Model;
using Xunit;

#pragma warning disable CA5351 // MD5 is the report format's checksum.

namespace S3Batch.Tests.Manifests
{
    // CompletionReport: where the report is, which files are read, and the rows.
    public sealed class CompletionReportTests
    {
        private sealed class FakeSource : IReportObjectSource
        {
            public readonly Dictionary<string, byte[]> Objects = new();
            public readonly List<string> Opened = new();

            public Task<Stream?> OpenAsync(string bucket, string key, CancellationToken cancel)
            {
                Opened.Add($"{bucket}/{key}");
                return Task.FromResult<Stream?>(Objects.TryGetValue($"{bucket}/{key}", out var data) ? new MemoryStream(data) : null);
            }
        }

        private static S3BatchJob Job(string status = "Complete", bool enabled = true, string? prefix = "pre/") => new()
        {
            JobId = "job-id-1",
            Status = status,
            Report = new JobReport { Enabled = enabled, Bucket = enabled ? "arn:aws:s3:::reports" : null, Prefix = prefix },
        };

        private static string Md5(byte[] data) => string.Concat(MD5.HashData(data).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        private static (FakeSource Source, ReportManifest Manifest) Report(string? tamperedMd5 = null)
        {
            var source = new FakeSource();
            var ok = Encoding.UTF8.GetBytes("src,a%20b,,succeeded,200,,Successful\nsrc,c%2Bd,,succeeded,200,,Successful\n");
            var failed = Encoding.UTF8.GetBytes("src,gone%2C1,,failed,404,NoSuchKey,\"Not found, really\"\n");
            source.Objects["reports/pre/job-job-id-1/results/ok.csv"] = ok;
            source.Objects["reports/pre/job-job-id-1/results/failed.csv"] = failed;
            var json = $$"""
                {"Format":"Report_CSV_20180820","ReportCreationDate":"2026-11-25T10:00:00Z","Results":[
                  {"TaskExecutionStatus":"succeeded","Bucket":"reports","MD5Checksum":"{{Md5(ok)}}","Key":"pre/job-job-id-1/results/ok.csv"},
                  {"TaskExecutionStatus":"failed","Bucket":"reports","MD5Checksum":"{{tamperedMd5 ?? Md5(failed)}}","Key":"pre/job-job-id-1/results/failed.csv"}],
                 "ReportSchema":"Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"}
                """;
            source.Objects["reports/pre/job-job-id-1/manifest.json"] = Encoding.UTF8.GetBytes(json);
            var report = new CompletionReport(source);
            return (source, report.ReadManifest("reports", "pre/job-job-id-1/manifest.json", Job(), CancellationToken.None));
        }

        [Theory]
        [InlineData("pre/", "pre/job-job-id-1/manifest.json")]
        [InlineData("pre", "pre/job-job-id-1/manifest.json")]
        [InlineData("a/b//", "a/b/job-job-id-1/manifest.json")]
        [InlineData("", "job-job-id-1/manifest.json")]
        [InlineData(null, "job-job-id-1/manifest.json")]
        public void LocatesManifestJsonUnderThePrefix(string? prefix, string key)
        {
            Assert.Equal(("reports", key), CompletionReport.Locate(Job(prefix: prefix)));
        }

        [Theory]
        [InlineData("arn:aws:s3:::reports", "reports")]
        [InlineData("arn:aws-cn:s3:::r.e-p", "r.e-p")]
        [InlineData("plain", "plain")]
        public void BucketNameFromArn(string arn, string name) => Assert.Equal(name, CompletionReport.BucketName(arn));

        [Theory]
        [InlineData("Active")]
        [InlineData("Suspended")]
        [InlineData("Completing")]
        [InlineData(null)]
        public void RefusesAJobNotFinished(string? status)
        {
            var e = Assert.Throws<CompletionReportException>(() => CompletionReport.Locate(Job(status!)));
            Assert.Equal("JobNotFinished", e.ErrorId);
            Assert.Contains("Wait-S3BatchJob", e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Complete")]
        [InlineData("Failed")]
        [InlineData("Cancelled")]
        public void RefusesAFinishedJobWithoutAReport(string status)
        {
            var e = Assert.Throws<CompletionReportException>(() => CompletionReport.Locate(Job(status, enabled: false)));
            Assert.Equal("NoReport", e.ErrorId);
        }

        [Fact]
        public void ReadsEveryFileInOrder()
        {
            var (source, manifest) = Report();
            var rows = new CompletionReport(source).ReadResults(manifest, failedOnly: false, plusAsSpace: false, CancellationToken.None).ToList();
            Assert.Equal(new[] { "a b", "c+d", "gone,1" }, rows.Select(r => r.Key));
            Assert.Equal(new[] { "succeeded", "succeeded", "failed" }, rows.Select(r => r.TaskStatus));
            Assert.Equal("NoSuchKey", rows[2].ErrorCode);
            Assert.Equal(404, rows[2].HttpStatusCode);
            Assert.Equal("Not found, really", rows[2].ResultMessage);
        }

        [Fact]
        public void FailedOnlyOpensOnlyTheFailedFile()
        {
            var (source, manifest) = Report();
            source.Opened.Clear();
            var rows = new CompletionReport(source).ReadResults(manifest, failedOnly: true, plusAsSpace: false, CancellationToken.None).ToList();
            Assert.Equal(new[] { "gone,1" }, rows.Select(r => r.Key));
            Assert.Equal(new[] { "reports/pre/job-job-id-1/results/failed.csv" }, source.Opened);
        }

        [Fact]
        public void WarnsWhenAFileDoesNotMatchItsMd5()
        {
            var (source, manifest) = Report(tamperedMd5: "00000000000000000000000000000000");
            var warnings = new List<string>();
            var report = new CompletionReport(source) { Warn = warnings.Add };
            Assert.Equal(3, report.ReadResults(manifest, false, false, CancellationToken.None).Count());
            Assert.Single(warnings);
            Assert.Contains("failed.csv", warnings[0], StringComparison.Ordinal);
        }

        [Fact]
        public void AMissingManifestJsonIsReportNotFoundWithTheJobsFailureReasons()
        {
            var job = Job("Failed");
            job.FailureReasons = new List<JobFailure> { new() { FailureCode = "ManifestETagMismatch", FailureReason = "etag" } };
            var e = Assert.Throws<CompletionReportException>(() => new CompletionReport(new FakeSource()).ReadManifest("reports", "x/manifest.json", job, CancellationToken.None));
            Assert.Equal("ReportNotFound", e.ErrorId);
            Assert.Contains("ManifestETagMismatch", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AListedFileThatIsMissingIsAReportFormatError()
        {
            var (source, manifest) = Report();
            source.Objects.Remove("reports/pre/job-job-id-1/results/failed.csv");
            var report = new CompletionReport(source);
            Assert.Throws<ReportFormatException>(() => report.ReadResults(manifest, true, false, CancellationToken.None).ToList());
        }
    }
}
