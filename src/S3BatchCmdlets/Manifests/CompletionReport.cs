using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using S3Batch.Model;

// MD5 here is the report format's MD5Checksum of each result file, not security.
#pragma warning disable CA5351

namespace S3Batch.Manifests
{
    /// <summary>Why a job's completion report cannot be read, with a stable error id (the cmdlet prefixes its name).</summary>
    public sealed class CompletionReportException : InvalidOperationException, IStableError
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="errorId">NoReport, JobNotFinished or ReportNotFound.</param>
        /// <param name="message">What is wrong and what to do.</param>
        /// <param name="innerException">The cause, if any.</param>
        public CompletionReportException(string errorId, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
        }

        /// <summary>The stable error id.</summary>
        public string ErrorId { get; }

        FailureKind IStableError.Kind => ErrorId == "JobNotFinished" ? FailureKind.Busy : FailureKind.NotFound;
    }

    /// <summary>Opens S3 objects for reading (the report's manifest.json and result files).</summary>
    internal interface IReportObjectSource
    {
        /// <summary>Opens s3://<paramref name="bucket"/>/<paramref name="key"/>; the caller disposes the stream.</summary>
        /// <returns>The content, or null when the object does not exist.</returns>
        Task<Stream?> OpenAsync(string bucket, string key, CancellationToken cancel);
    }

    /// <summary><see cref="IReportObjectSource"/> over AWSSDK.S3 GetObject, streaming.</summary>
    internal sealed class S3ReportObjectSource : IReportObjectSource
    {
        private readonly IAmazonS3 _s3;

        public S3ReportObjectSource(IAmazonS3 s3) => _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));

        public async Task<Stream?> OpenAsync(string bucket, string key, CancellationToken cancel)
        {
            GetObjectResponse response;
            try
            {
                response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancel).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
            {
                return null;
            }

            // Disposing the stream disposes the response (and so the connection) too.
            return new ReadOnlyStream(response.ResponseStream, response);
        }
    }

    /// <summary>
    /// Finds and reads the completion report of a job: <c>&lt;prefix&gt;/job-&lt;id&gt;/manifest.json</c> in
    /// the report bucket ("Examples: S3 Batch Operations completion reports",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html), then the
    /// result files it lists, one row at a time.
    /// </summary>
    internal sealed class CompletionReport
    {
        private readonly IReportObjectSource _source;

        public CompletionReport(IReportObjectSource source) => _source = source ?? throw new ArgumentNullException(nameof(source));

        /// <summary>Called with a warning (a result file whose MD5 does not match manifest.json).</summary>
        public Action<string>? Warn { get; set; }

        /// <summary>Called with what is read.</summary>
        public Action<string>? Log { get; set; }

        /// <summary>
        /// Where the report's manifest.json is, for a finished job with a report. Throws
        /// <see cref="CompletionReportException"/> (JobNotFinished, NoReport) otherwise.
        /// </summary>
        public static (string Bucket, string Key) Locate(S3BatchJob job)
        {
            if (job is null)
            {
                throw new ArgumentNullException(nameof(job));
            }

            string id = job.JobId ?? "(unknown)";
            if (!Jobs.JobStatuses.IsFinal(job.Status))
            {
                throw new CompletionReportException("JobNotFinished",
                    $"Job {id} is {job.Status ?? "in an unknown status"}; its completion report is written when it reaches Complete, Failed or Cancelled. Wait for it first: Wait-S3BatchJob -JobId {id} | Get-S3BatchJobReport.");
            }

            var report = job.Report;
            if (report?.Enabled != true || string.IsNullOrEmpty(report.Bucket))
            {
                throw new CompletionReportException("NoReport",
                    $"Job {id} was created without a completion report (Report.Enabled is false), so there are no task results to read. Give New-S3BatchJob -ReportBucket (or -Report) for the next job.");
            }

            return (BucketName(report.Bucket!), ManifestKey(report.Prefix, id));
        }

        /// <summary>The bucket name of a bucket ARN (arn:aws:s3:::name), or the value itself when it is a name.</summary>
        public static string BucketName(string bucketOrArn)
        {
            if (!Arns.IsArn(bucketOrArn))
            {
                return bucketOrArn;
            }

            var parts = bucketOrArn.Split(new[] { ':' }, 6);
            var resource = parts.Length == 6 ? parts[5] : bucketOrArn;
            return resource.StartsWith("bucket/", StringComparison.Ordinal) ? resource.Substring(7) : resource;
        }

        /// <summary>The key of the report's manifest.json: <c>&lt;prefix&gt;/job-&lt;id&gt;/manifest.json</c>.</summary>
        public static string ManifestKey(string? prefix, string jobId)
        {
            var trimmed = (prefix ?? string.Empty).TrimEnd('/');
            return (trimmed.Length == 0 ? string.Empty : trimmed + "/") + "job-" + jobId + "/manifest.json";
        }

        /// <summary>Reads the report's manifest.json.</summary>
        /// <exception cref="CompletionReportException">ReportNotFound: no manifest.json at that key.</exception>
        /// <exception cref="ReportFormatException">manifest.json cannot be read.</exception>
        public ReportManifest ReadManifest(string bucket, string key, S3BatchJob job, CancellationToken cancel)
        {
            Log?.Invoke($"GetObject s3://{bucket}/{key} (the completion report's manifest.json).");
            using var stream = _source.OpenAsync(bucket, key, cancel).GetAwaiter().GetResult();
            if (stream is null)
            {
                var reasons = job.FailureReasons is { Count: > 0 } list
                    ? " The job's failure reasons: " + string.Join("; ", list.Select(f => $"{f.FailureCode}: {f.FailureReason}")) + "."
                    : string.Empty;
                throw new CompletionReportException("ReportNotFound",
                    $"Job {job.JobId} ({job.Status}) has no completion report at s3://{bucket}/{key}. S3 writes none when no task ran (for example when the job failed before it started), and the report may have been deleted or moved.{reasons}");
            }

            return ReportManifest.Parse(stream);
        }

        /// <summary>
        /// The task results of every result file that <paramref name="manifest"/> lists (only the
        /// failed ones with <paramref name="failedOnly"/>), read one row at a time.
        /// </summary>
        public IEnumerable<TaskResult> ReadResults(ReportManifest manifest, bool failedOnly, bool plusAsSpace, CancellationToken cancel)
        {
            if (manifest is null)
            {
                throw new ArgumentNullException(nameof(manifest));
            }

            foreach (var file in manifest.Results)
            {
                if (failedOnly && !string.Equals(file.TaskExecutionStatus, "failed", StringComparison.OrdinalIgnoreCase))
                {
                    Log?.Invoke($"Skipping s3://{file.Bucket}/{file.Key} ({file.TaskExecutionStatus} tasks).");
                    continue;
                }

                foreach (var result in ReadFile(file, plusAsSpace, cancel))
                {
                    yield return result;
                }
            }
        }

        private IEnumerable<TaskResult> ReadFile(ReportManifestResult file, bool plusAsSpace, CancellationToken cancel)
        {
            Log?.Invoke($"GetObject s3://{file.Bucket}/{file.Key} ({file.TaskExecutionStatus ?? "unknown"} tasks).");
            var stream = _source.OpenAsync(file.Bucket, file.Key, cancel).GetAwaiter().GetResult()
                ?? throw new ReportFormatException(0, $"The completion report lists s3://{file.Bucket}/{file.Key}, which does not exist.");
            using var hashing = new Md5ReadStream(stream);
            using var reader = new StreamReader(hashing, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            long rows = 0;
            foreach (var result in ReportCsvReader.Read(reader, plusAsSpace))
            {
                cancel.ThrowIfCancellationRequested();
                rows++;
                yield return result;
            }

            Log?.Invoke($"s3://{file.Bucket}/{file.Key}: {rows} task(s).");
            if (!string.IsNullOrEmpty(file.MD5Checksum) && !string.Equals(hashing.HexDigest(), file.MD5Checksum, StringComparison.OrdinalIgnoreCase))
            {
                Warn?.Invoke($"The MD5 of s3://{file.Bucket}/{file.Key} is {hashing.HexDigest()}, but the report's manifest.json says {file.MD5Checksum}: the file may have changed since S3 wrote it.");
            }
        }

        // Hashes what is read through it.
        private sealed class Md5ReadStream : ReadOnlyStream
        {
            private readonly MD5 _md5 = MD5.Create();
            private string? _digest;

            public Md5ReadStream(Stream inner)
                : base(inner, null)
            {
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int read = base.Read(buffer, offset, count);
                if (read > 0)
                {
                    _md5.TransformBlock(buffer, offset, read, null, 0);
                }

                return read;
            }

            public string HexDigest()
            {
                if (_digest is null)
                {
                    _md5.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                    _digest = BitConverter.ToString(_md5.Hash!).Replace("-", string.Empty).ToLowerInvariant();
                }

                return _digest;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _md5.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }

    /// <summary>
    /// Reads through to another stream, forward only; disposing it disposes that stream and
    /// <c>owner</c> (a response that holds the connection), if any.
    /// </summary>
    internal class ReadOnlyStream : Stream
    {
        private readonly Stream _inner;
        private readonly IDisposable? _owner;

        public ReadOnlyStream(Stream inner, IDisposable? owner)
        {
            _inner = inner;
            _owner = owner;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _owner?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
