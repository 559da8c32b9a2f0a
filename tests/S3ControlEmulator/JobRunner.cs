using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

// MD5 and SHA-1 here are the checksums and names of the report format (MD5Checksum,
// results/<sha1>.csv), not security.
#pragma warning disable CA5350, CA5351

namespace S3ControlEmulator;

/// <summary>A job failure found while preparing (manifest unreadable, ETag mismatch, bad rows).</summary>
internal sealed class JobFailureException(string code, string reason) : Exception(reason)
{
    public string Code { get; } = code;
}

/// <summary>
/// Moves jobs through the status sequence, one step per <c>stepMs</c>:
/// New → Preparing → Suspended (confirmation required or absent) | Ready → Active →
/// Completing → Complete; Failing → Failed; Cancelling → Cancelled; Pausing → Paused.
/// With an S3 endpoint it reads the manifest, runs the tasks on the local S3 (s3rver) and
/// writes the completion report; without one, a job has synthetic tasks that succeed.
/// </summary>
internal sealed class JobRunner : IDisposable
{
    private readonly JobStore _store;
    private readonly AmazonS3Client? _s3;
    private readonly XNamespace _ns;

    public JobRunner(JobStore store, string? s3Endpoint, string ns)
    {
        _store = store;
        _ns = ns;
        if (s3Endpoint is not null)
        {
            // s3rver checks SigV4 with the keys S3RVER/S3RVER.
            var config = new AmazonS3Config
            {
                ServiceURL = s3Endpoint,
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                MaxErrorRetry = 1,
                Timeout = TimeSpan.FromSeconds(30),
            };
            _s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), config);
        }
    }

    public void Dispose() => _s3?.Dispose();

    /// <summary>The ticker: runs until the token is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int step;
            lock (_store.Gate)
            {
                step = _store.StepMs;
            }

            try
            {
                await Task.Delay(Math.Clamp(step / 4, 5, 50), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            List<Job> due;
            lock (_store.Gate)
            {
                var now = _store.Now;
                due = _store.Jobs.Where(j => !Job.IsTerminal(j.Status) && j.Status is not ("Suspended" or "Paused") && j.NextStepAt <= now).ToList();
            }

            foreach (var job in due)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await StepAsync(job, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
#pragma warning disable CA1031 // A test server keeps running whatever one job does.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    lock (_store.Gate)
                    {
                        Fail(job, "InternalError", "Emulator error: " + ex.Message);
                    }
                }
            }
        }
    }

    private async Task StepAsync(Job job, CancellationToken ct)
    {
        string status;
        lock (_store.Gate)
        {
            status = job.Status;
        }

        switch (status)
        {
            case "New":
                Move(job, "New", "Preparing");
                break;
            case "Preparing":
                {
                    List<JobTask> tasks;
                    XElement? generated = null;
                    try
                    {
                        (tasks, generated) = await PrepareAsync(job, ct).ConfigureAwait(false);
                    }
                    catch (JobFailureException f)
                    {
                        lock (_store.Gate)
                        {
                            if (job.Status == "Preparing")
                            {
                                Fail(job, f.Code, f.Message);
                            }
                        }

                        return;
                    }

                    lock (_store.Gate)
                    {
                        if (job.Status != "Preparing")
                        {
                            return;
                        }

                        job.Tasks = tasks;
                        job.GeneratedManifestDescriptor = generated;
                        if (job.ConfirmationRequired != false)
                        {
                            // Absent is treated like true, as SDK users saw on the service
                            // (aws-sdk-go-v2 issues 1814 and 1822).
                            job.Status = "Suspended";
                            job.SuspendedDate = _store.Now;
                            job.SuspendedCause = "AwaitingConfirmation";
                        }
                        else
                        {
                            job.Status = "Ready";
                        }

                        job.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
                    }

                    break;
                }

            case "Ready":
                lock (_store.Gate)
                {
                    if (job.Status == "Ready")
                    {
                        job.Status = "Active";
                        job.ActiveSince = _store.Now;
                        job.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
                    }
                }

                break;
            case "Active":
                await RunBatchAsync(job, ct).ConfigureAwait(false);
                break;
            case "Pausing":
                lock (_store.Gate)
                {
                    if (job.Status == "Pausing")
                    {
                        job.Status = "Paused";
                    }
                }

                break;
            case "Completing":
                await WriteReportAsync(job, ct).ConfigureAwait(false);
                Finish(job, "Completing", "Complete");
                break;
            case "Failing":
                await WriteReportAsync(job, ct).ConfigureAwait(false);
                Finish(job, "Failing", "Failed");
                break;
            case "Cancelling":
                await WriteReportAsync(job, ct).ConfigureAwait(false);
                Finish(job, "Cancelling", "Cancelled");
                break;
            default:
                break;
        }
    }

    private void Move(Job job, string from, string to)
    {
        lock (_store.Gate)
        {
            if (job.Status == from)
            {
                job.Status = to;
                job.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
            }
        }
    }

    private void Finish(Job job, string from, string to)
    {
        lock (_store.Gate)
        {
            if (job.Status == from)
            {
                job.Status = to;
                job.TerminationDate = _store.Now;
            }
        }
    }

    /// <summary>Under the gate: the job goes to Failing with a reason.</summary>
    private void Fail(Job job, string code, string reason)
    {
        StopActiveClock(job);
        job.FailureReasons.Add((code, reason.Length > 256 ? reason[..256] : reason));
        job.Status = "Failing";
        job.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
    }

    /// <summary>Under the gate: adds the time spent in Active so far.</summary>
    public void StopActiveClock(Job job)
    {
        if (job.ActiveSince is { } s)
        {
            job.ActiveSecondsBefore += (_store.Now - s).TotalSeconds;
            job.ActiveSince = null;
        }
    }

    private async Task RunBatchAsync(Job job, CancellationToken ct)
    {
        List<JobTask> batch;
        lock (_store.Gate)
        {
            if (job.Status != "Active" || job.Tasks is null)
            {
                return;
            }

            var size = Math.Max(1, (int)Math.Ceiling(job.Tasks.Count / 4.0));
            batch = job.Tasks.Skip(job.NextTask).Take(size).ToList();
        }

        var results = new List<TaskResult>();
        foreach (var t in batch)
        {
            results.Add(await RunTaskAsync(job, t, ct).ConfigureAwait(false));
        }

        lock (_store.Gate)
        {
            if (job.Status != "Active" && job.Status != "Pausing" && job.Status != "Cancelling")
            {
                return;
            }

            job.Results.AddRange(results);
            job.NextTask += batch.Count;
            if (job.Status == "Active")
            {
                if (job.NextTask >= job.Tasks!.Count)
                {
                    StopActiveClock(job);
                    job.Status = "Completing";
                }

                job.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
            }
        }
    }

    // ---------------------------------------------------------------- preparing

    private async Task<(List<JobTask> Tasks, XElement? Generated)> PrepareAsync(Job job, CancellationToken ct)
    {
        int synthetic;
        lock (_store.Gate)
        {
            synthetic = _store.SyntheticTasks;
        }

        if (_s3 is null)
        {
            var tasks = Enumerable.Range(1, Math.Max(0, synthetic))
                .Select(i => new JobTask("synthetic-bucket", $"synthetic/object-{i:D4}", null)).ToList();
            return (tasks, null);
        }

        if (job.Manifest is not null)
        {
            return (await ReadManifestAsync(job.Manifest, ct).ConfigureAwait(false), null);
        }

        return await GenerateManifestAsync(job, ct).ConfigureAwait(false);
    }

    private async Task<List<JobTask>> ReadManifestAsync(XElement manifest, CancellationToken ct)
    {
        var spec = manifest.Element(_ns + "Spec")!;
        var format = spec.Element(_ns + "Format")!.Value;
        var location = manifest.Element(_ns + "Location")!;
        var arn = location.Element(_ns + "ObjectArn")!.Value;
        var etag = location.Element(_ns + "ETag")!.Value;
        var version = location.Element(_ns + "ObjectVersionId")?.Value;
        var (bucket, key) = ParseObjectArn(arn)
            ?? throw new JobFailureException("InvalidManifest", $"The manifest ObjectArn '{arn}' does not name an object.");

        var (data, actualEtag) = await GetManifestObjectAsync(bucket, key, version, ct).ConfigureAwait(false);
        if (!string.Equals(actualEtag.Trim('"'), etag.Trim('"'), StringComparison.OrdinalIgnoreCase))
        {
            throw new JobFailureException("ManifestETagMismatch", $"Reading the manifest failed: the ETag of s3://{bucket}/{key} is {actualEtag.Trim('"')}, not the ETag given in the job ({etag.Trim('"')}).");
        }

        if (format == "S3BatchOperations_CSV_20180820")
        {
            var fields = spec.Element(_ns + "Fields")?.Elements(_ns + "member").Select(e => e.Value).ToList()
                ?? ["Bucket", "Key"];
            return ParseCsvManifest(Encoding.UTF8.GetString(data), fields, urlEncodedKeys: true);
        }

        // S3InventoryReport_CSV_20161130: manifest.json lists gzipped CSV files, whose
        // columns are named by fileSchema; the files live in the manifest's bucket.
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        var schema = root.GetProperty("fileSchema").GetString() ?? "Bucket, Key";
        var columns = schema.Split(',').Select(s => s.Trim()).Select(c => c is "Bucket" or "Key" or "VersionId" ? c : "Ignore").ToList();
        var fileBucket = bucket;
        if (root.TryGetProperty("destinationBucket", out var db) && db.GetString() is { } dest)
        {
            fileBucket = dest.StartsWith("arn:", StringComparison.Ordinal) ? dest[(dest.LastIndexOf(':') + 1)..] : dest;
        }

        var tasks = new List<JobTask>();
        foreach (var file in root.GetProperty("files").EnumerateArray().Take(1000))
        {
            var fileKey = file.GetProperty("key").GetString()!;
            var (gz, _) = await GetManifestObjectAsync(fileBucket, fileKey, null, ct).ConfigureAwait(false);
            using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
            using var reader = new StreamReader(input, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            tasks.AddRange(ParseCsvManifest(text, columns, urlEncodedKeys: true));
        }

        CheckVersionConsistency(tasks);
        return tasks;
    }

    private async Task<(byte[] Data, string ETag)> GetManifestObjectAsync(string bucket, string key, string? version, CancellationToken ct)
    {
        try
        {
            var req = new GetObjectRequest { BucketName = bucket, Key = key };
            if (version is not null)
            {
                req.VersionId = version;
            }

            using var resp = await _s3!.GetObjectAsync(req, ct).ConfigureAwait(false);
            using var ms = new MemoryStream();
            await resp.ResponseStream.CopyToAsync(ms, ct).ConfigureAwait(false);
            return (ms.ToArray(), resp.ETag ?? string.Empty);
        }
        catch (AmazonS3Exception e)
        {
            throw new JobFailureException("ManifestReadFailure", $"Reading the manifest failed: s3://{bucket}/{key}: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
        }
    }

    /// <summary>CSV rows "bucket,key[,versionId]" by the given field list; keys URL-encoded.</summary>
    internal static List<JobTask> ParseCsvManifest(string text, IReadOnlyList<string> fields, bool urlEncodedKeys)
    {
        var tasks = new List<JobTask>();
        var lineNo = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNo++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var cells = SplitCsv(line);
            if (cells.Count < fields.Count(f => f != "Ignore") || cells.Count > fields.Count)
            {
                throw new JobFailureException("InvalidManifestContent", $"Manifest row {lineNo} has {cells.Count} fields; the job's manifest spec names {fields.Count}.");
            }

            string? bucket = null, key = null, rawKey = null, version = null;
            for (var i = 0; i < cells.Count; i++)
            {
                switch (fields[i])
                {
                    case "Bucket": bucket = cells[i]; break;
                    case "Key": rawKey = cells[i]; key = urlEncodedKeys ? Uri.UnescapeDataString(cells[i]) : cells[i]; break;
                    case "VersionId": version = cells[i].Length == 0 ? null : cells[i]; break;
                    default: break;
                }
            }

            if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key))
            {
                throw new JobFailureException("InvalidManifestContent", $"Manifest row {lineNo} has no bucket or no key.");
            }

            tasks.Add(new JobTask(bucket, key, version, urlEncodedKeys ? rawKey : null));
            if (tasks.Count > 1_000_000)
            {
                throw new JobFailureException("InvalidManifestContent", "The manifest has more rows than the emulator handles (1,000,000).");
            }
        }

        CheckVersionConsistency(tasks);
        return tasks;
    }

    /// <summary>Every row has a version id, or none does (the service fails the job otherwise).</summary>
    private static void CheckVersionConsistency(List<JobTask> tasks)
    {
        var with = tasks.Count(t => t.VersionId is not null);
        if (with != 0 && with != tasks.Count)
        {
            throw new JobFailureException("InvalidManifestContent", "Some manifest rows have a version ID and others do not: every row must have one, or none.");
        }
    }

    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        cells.Add(sb.ToString());
        return cells;
    }

    private async Task<(List<JobTask>, XElement?)> GenerateManifestAsync(Job job, CancellationToken ct)
    {
        var gen = job.ManifestGenerator!.Element(_ns + "S3JobManifestGenerator")!;
        var source = gen.Element(_ns + "SourceBucket")!.Value;
        var bucket = source[(source.LastIndexOf(':') + 1)..];
        var filter = gen.Element(_ns + "Filter");
        var keyFilter = filter?.Element(_ns + "KeyNameConstraint");
        List<string> Strings(string name) => keyFilter?.Element(_ns + name)?.Elements(_ns + "member").Select(e => e.Value).ToList() ?? [];
        var prefixes = Strings("MatchAnyPrefix");
        var suffixes = Strings("MatchAnySuffix");
        var substrings = Strings("MatchAnySubstring");
        long? greater = filter?.Element(_ns + "ObjectSizeGreaterThanBytes") is { } g ? long.Parse(g.Value, CultureInfo.InvariantCulture) : null;
        long? less = filter?.Element(_ns + "ObjectSizeLessThanBytes") is { } l ? long.Parse(l.Value, CultureInfo.InvariantCulture) : null;
        DateTimeOffset? after = filter?.Element(_ns + "CreatedAfter") is { } a && ServiceModel.TryParseTimestamp(a.Value, out var av) ? av : null;
        DateTimeOffset? before = filter?.Element(_ns + "CreatedBefore") is { } b && ServiceModel.TryParseTimestamp(b.Value, out var bv) ? bv : null;

        var tasks = new List<JobTask>();
        string? token = null;
        for (var page = 0; page < 1000; page++)
        {
            ListObjectsV2Response resp;
            try
            {
                resp = await _s3!.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token }, ct).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e)
            {
                throw new JobFailureException("ManifestGenerationFailure", $"Listing s3://{bucket} failed: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
            }

            foreach (var o in resp.S3Objects ?? [])
            {
                var k = o.Key;
                if ((prefixes.Count > 0 && !prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
                    || (suffixes.Count > 0 && !suffixes.Any(s => k.EndsWith(s, StringComparison.Ordinal)))
                    || (substrings.Count > 0 && !substrings.Any(s => k.Contains(s, StringComparison.Ordinal)))
                    || (greater is { } gt && !(o.Size > gt))
                    || (less is { } lt && !(o.Size < lt))
                    || (after is { } af && o.LastModified is { } lm1 && new DateTimeOffset(lm1.ToUniversalTime(), TimeSpan.Zero) <= af)
                    || (before is { } bf && o.LastModified is { } lm2 && new DateTimeOffset(lm2.ToUniversalTime(), TimeSpan.Zero) >= bf))
                {
                    continue;
                }

                tasks.Add(new JobTask(bucket, k, null));
            }

            token = resp.NextContinuationToken;
            if (resp.IsTruncated != true || token is null)
            {
                break;
            }
        }

        XElement? descriptor = null;
        var enable = gen.Element(_ns + "EnableManifestOutput")?.Value == "true";
        var output = gen.Element(_ns + "ManifestOutputLocation");
        if (enable && output is not null)
        {
            // The generated manifest, in the inventory layout the service documents for
            // S3InventoryReport_CSV_20211130: manifest.json beside a gzipped CSV.
            var outBucketArn = output.Element(_ns + "Bucket")!.Value;
            var outBucket = outBucketArn[(outBucketArn.LastIndexOf(':') + 1)..];
            var prefix = output.Element(_ns + "ManifestPrefix")?.Value;
            var basePath = (string.IsNullOrEmpty(prefix) ? string.Empty : prefix.TrimEnd('/') + "/") + $"job-{job.JobId}/";
            var csv = string.Join(string.Empty, tasks.Select(t => $"\"{t.Bucket}\",\"{ReportKey(t.Key)}\"\n"));
            byte[] gz;
            using (var ms = new MemoryStream())
            {
                using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                {
                    var bytes = Encoding.UTF8.GetBytes(csv);
                    z.Write(bytes, 0, bytes.Length);
                }

                gz = ms.ToArray();
            }

            var dataKey = basePath + "data/" + Guid.NewGuid().ToString("D") + ".csv.gz";
            await PutAsync(outBucket, dataKey, gz, "application/gzip", ct).ConfigureAwait(false);
            var manifestJson = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["sourceBucket"] = bucket,
                ["destinationBucket"] = outBucketArn,
                ["version"] = "2021-11-30",
                ["creationTimestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["fileFormat"] = "CSV",
                ["fileSchema"] = "Bucket, Key",
                ["files"] = new[] { new Dictionary<string, object> { ["key"] = dataKey, ["size"] = gz.Length, ["MD5checksum"] = Convert.ToHexStringLower(MD5.HashData(gz)) } },
            });
            var manifestKey = basePath + "manifest.json";
            var etag = await PutAsync(outBucket, manifestKey, Encoding.UTF8.GetBytes(manifestJson), "application/json", ct).ConfigureAwait(false);
            descriptor = new XElement(
                _ns + "GeneratedManifestDescriptor",
                new XElement(_ns + "Format", "S3InventoryReport_CSV_20211130"),
                new XElement(
                    _ns + "Location",
                    new XElement(_ns + "ObjectArn", $"arn:aws:s3:::{outBucket}/{manifestKey}"),
                    new XElement(_ns + "ETag", etag.Trim('"'))));
        }

        return (tasks, descriptor);
    }

    // ---------------------------------------------------------------- tasks

    private async Task<TaskResult> RunTaskAsync(Job job, JobTask task, CancellationToken ct)
    {
        if (_s3 is null)
        {
            return new TaskResult(task, true, 200, string.Empty, "Successful");
        }

        try
        {
            switch (job.OperationName)
            {
                case "S3PutObjectCopy":
                    await CopyAsync(job.Operation.Element(_ns + "S3PutObjectCopy")!, task, ct).ConfigureAwait(false);
                    break;
                case "S3PutObjectTagging":
                    {
                        var tags = ReadTags(job.Operation.Element(_ns + "S3PutObjectTagging")!.Element(_ns + "TagSet"));
                        await PutTagsAsync(task, tags, ct).ConfigureAwait(false);
                        break;
                    }

                case "S3DeleteObjectTagging":
                    // s3rver 3.7.1 answers DeleteObjectTagging with 501 NotImplemented, so the
                    // emulator removes the tags by putting an empty tag set instead.
                    await PutTagsAsync(task, [], ct).ConfigureAwait(false);
                    break;
                default:
                    return new TaskResult(task, false, 501, "NotImplemented", $"Operation {job.OperationName} is not supported by the emulator");
            }

            return new TaskResult(task, true, 200, string.Empty, "Successful");
        }
        catch (AmazonS3Exception e)
        {
            var status = (int)e.StatusCode;
            var code = string.IsNullOrEmpty(e.ErrorCode) ? ((HttpStatusCode)status).ToString() : e.ErrorCode;
            return new TaskResult(task, false, status, code, $"{e.Message} (Service: Amazon S3; Status Code: {status}; Error Code: {code}; Request ID: {e.RequestId})");
        }
    }

    private List<KeyValuePair<string, string>> ReadTags(XElement? tagSet) =>
        tagSet?.Elements(_ns + "member").Select(m => new KeyValuePair<string, string>(m.Element(_ns + "Key")!.Value, m.Element(_ns + "Value")!.Value)).ToList() ?? [];

    private async Task PutTagsAsync(JobTask task, List<KeyValuePair<string, string>> tags, CancellationToken ct)
    {
        // The object must exist (s3rver answers NoSuchKey otherwise, like S3).
        var req = new PutObjectTaggingRequest
        {
            BucketName = task.Bucket,
            Key = task.Key,
            Tagging = new Tagging { TagSet = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() },
        };
        if (task.VersionId is not null)
        {
            req.VersionId = task.VersionId;
        }

        await _s3!.PutObjectTaggingAsync(req, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// S3PutObjectCopy. s3rver 3.7.1 cannot serve CopyObject from AWSSDK.S3 4.x (the SDK
    /// sends x-amz-copy-source as "src%2Fkey", which s3rver does not decode), so the
    /// emulator copies with GetObject + PutObject into TargetResource under TargetKeyPrefix,
    /// with the storage class, metadata and tags the operation gives.
    /// </summary>
    private async Task CopyAsync(XElement op, JobTask task, CancellationToken ct)
    {
        var target = op.Element(_ns + "TargetResource")?.Value ?? string.Empty;
        if (target.Contains(":s3express:", StringComparison.Ordinal))
        {
            throw new AmazonS3Exception("Directory buckets are not supported by the emulator") { ErrorCode = "NotImplemented", StatusCode = HttpStatusCode.NotImplemented };
        }

        var targetBucket = target[(target.LastIndexOf(':') + 1)..];
        var prefix = op.Element(_ns + "TargetKeyPrefix")?.Value;
        var targetKey = string.IsNullOrEmpty(prefix) ? task.Key : (prefix.EndsWith('/') ? prefix : prefix + "/") + task.Key;

        var get = new GetObjectRequest { BucketName = task.Bucket, Key = task.Key };
        if (task.VersionId is not null)
        {
            get.VersionId = task.VersionId;
        }

        if (op.Element(_ns + "ModifiedSinceConstraint") is { } ms && ServiceModel.TryParseTimestamp(ms.Value, out var msv))
        {
            get.ModifiedSinceDate = msv.UtcDateTime;
        }

        if (op.Element(_ns + "UnModifiedSinceConstraint") is { } us && ServiceModel.TryParseTimestamp(us.Value, out var usv))
        {
            get.UnmodifiedSinceDate = usv.UtcDateTime;
        }

        using var src = await _s3!.GetObjectAsync(get, ct).ConfigureAwait(false);
        using var body = new MemoryStream();
        await src.ResponseStream.CopyToAsync(body, ct).ConfigureAwait(false);
        body.Position = 0;

        // UseChunkEncoding = false: s3rver stores aws-chunked bodies as sent (with chunk signatures).
        var put = new PutObjectRequest { BucketName = targetBucket, Key = targetKey, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false };
        var replace = op.Element(_ns + "MetadataDirective")?.Value == "REPLACE";
        var meta = op.Element(_ns + "NewObjectMetadata");
        if (!replace)
        {
            put.ContentType = src.Headers.ContentType;
            CopyHeader(src.Headers.CacheControl, v => put.Headers.CacheControl = v);
            CopyHeader(src.Headers.ContentDisposition, v => put.Headers.ContentDisposition = v);
            CopyHeader(src.Headers.ContentEncoding, v => put.Headers.ContentEncoding = v);
            foreach (var k in src.Metadata.Keys)
            {
                put.Metadata.Add(k, src.Metadata[k]);
            }
        }

        if (meta is not null)
        {
            string? M(string n) => meta.Element(_ns + n)?.Value;
            if (M("ContentType") is { } ctype)
            {
                put.ContentType = ctype;
            }

            CopyHeader(M("CacheControl"), v => put.Headers.CacheControl = v);
            CopyHeader(M("ContentDisposition"), v => put.Headers.ContentDisposition = v);
            CopyHeader(M("ContentEncoding"), v => put.Headers.ContentEncoding = v);
            CopyHeader(M("ContentLanguage"), v => put.Headers["Content-Language"] = v);
            foreach (var e in meta.Element(_ns + "UserMetadata")?.Elements(_ns + "entry") ?? [])
            {
                put.Metadata[e.Element(_ns + "key")!.Value] = e.Element(_ns + "value")!.Value;
            }
        }

        if (op.Element(_ns + "StorageClass")?.Value is { } sc)
        {
            // s3rver 3.7.1 predates GLACIER_IR and refuses it (InvalidStorageClass), where S3 takes it:
            // such copies are stored as STANDARD, with the class asked for kept in x-amz-meta-emulated-storage-class.
            if (sc == "GLACIER_IR")
            {
                put.Metadata["emulated-storage-class"] = sc;
                sc = "STANDARD";
            }

            put.StorageClass = S3StorageClass.FindValue(sc);
        }

        await _s3.PutObjectAsync(put, ct).ConfigureAwait(false);

        var tags = ReadTags(op.Element(_ns + "NewObjectTagging"));
        if (tags.Count > 0)
        {
            await PutTagsAsync(new JobTask(targetBucket, targetKey, null), tags, ct).ConfigureAwait(false);
        }
    }

    private static void CopyHeader(string? value, Action<string> set)
    {
        if (!string.IsNullOrEmpty(value))
        {
            set(value);
        }
    }

    private async Task<string> PutAsync(string bucket, string key, byte[] data, string contentType, CancellationToken ct)
    {
        try
        {
            using var ms = new MemoryStream(data);
            var resp = await _s3!.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = ms, ContentType = contentType, UseChunkEncoding = false }, ct).ConfigureAwait(false);
            return resp.ETag ?? string.Empty;
        }
        catch (AmazonS3Exception e)
        {
            throw new JobFailureException("ReportWriteFailure", $"Writing s3://{bucket}/{key} failed: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
        }
    }

    // ---------------------------------------------------------------- report

    /// <summary>
    /// Writes the completion report as the service lays it out
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html and
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-job-status.html#batch-ops-completion-report):
    /// <c>&lt;prefix&gt;/job-&lt;id&gt;/manifest.json</c> with Format, ReportCreationDate, Results
    /// [{TaskExecutionStatus, Bucket, MD5Checksum, Key}] and ReportSchema, and one CSV per
    /// task status under <c>&lt;prefix&gt;/job-&lt;id&gt;/results/&lt;sha1&gt;.csv</c>, no header.
    /// Rows follow the documented example files: bucket, key (URL-encoded: as the manifest
    /// wrote it, or encoded like a manifest key for generated manifests),
    /// version id, task status (succeeded|failed), then the HTTP status code, then the error
    /// code, then the result message (CSV-quoted when it holds a comma, quote or line break).
    /// Note that the example files put the numeric HTTP status before the error code
    /// ("failed,200,PermanentFailure,..."; "succeeded,200,,..."), whatever order the
    /// ReportSchema string names them in. A report is written when Report.Enabled is true
    /// and at least one task ran; ReportScope FailedTasksOnly writes only the failed file.
    /// </summary>
    private async Task WriteReportAsync(Job job, CancellationToken ct)
    {
        List<TaskResult> results;
        bool enabled;
        string? bucketArn, prefix, scope;
        lock (_store.Gate)
        {
            if (job.ReportWritten)
            {
                return;
            }

            job.ReportWritten = true;
            results = job.Results.ToList();
            enabled = job.Report.Element(_ns + "Enabled")?.Value == "true";
            bucketArn = job.Report.Element(_ns + "Bucket")?.Value;
            prefix = job.Report.Element(_ns + "Prefix")?.Value;
            scope = job.Report.Element(_ns + "ReportScope")?.Value ?? "AllTasks";
        }

        if (_s3 is null || !enabled || bucketArn is null || results.Count == 0)
        {
            return;
        }

        var bucket = bucketArn[(bucketArn.LastIndexOf(':') + 1)..];
        var basePath = (string.IsNullOrEmpty(prefix) ? string.Empty : prefix.TrimEnd('/') + "/") + $"job-{job.JobId}/";
        var entries = new List<Dictionary<string, string>>();
        foreach (var (status, ok) in new[] { ("succeeded", true), ("failed", false) })
        {
            if (ok && scope == "FailedTasksOnly")
            {
                continue;
            }

            var rows = results.Where(r => r.Succeeded == ok).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var csv = new StringBuilder();
            foreach (var r in rows)
            {
                csv.Append(Csv(r.Task.Bucket)).Append(',')
                   .Append(Csv(r.Task.ReportKey ?? ReportKey(r.Task.Key))).Append(',')
                   .Append(Csv(r.Task.VersionId ?? string.Empty)).Append(',')
                   .Append(status).Append(',')
                   .Append(r.HttpStatus.ToString(CultureInfo.InvariantCulture)).Append(',')
                   .Append(Csv(r.ErrorCode)).Append(',')
                   .Append(Csv(r.Message)).Append('\n');
            }

            var bytes = Encoding.UTF8.GetBytes(csv.ToString());
            var name = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{job.JobId}/{status}")));
            var key = basePath + "results/" + name + ".csv";
            await PutAsync(bucket, key, bytes, "text/csv", ct).ConfigureAwait(false);
            entries.Add(new Dictionary<string, string>
            {
                ["TaskExecutionStatus"] = status,
                ["Bucket"] = bucket,
                ["MD5Checksum"] = Convert.ToHexStringLower(MD5.HashData(bytes)),
                ["Key"] = key,
            });
        }

        var manifest = new Dictionary<string, object>
        {
            ["Format"] = "Report_CSV_20180820",
            ["ReportCreationDate"] = JobStore.Iso(_store.Now),
            ["Results"] = entries,
            ["ReportSchema"] = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage",
        };
        await PutAsync(bucket, basePath + "manifest.json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest)), "application/json", ct).ConfigureAwait(false);
    }

    /// <summary>Keys in reports are URL-encoded like manifest keys: unreserved characters and '/' kept.</summary>
    internal static string ReportKey(string key) => SigV4Verifier.UriEncode(key, keepSlash: true);

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Splits "arn:aws:s3:::bucket/key" into bucket and key.</summary>
    internal static (string Bucket, string Key)? ParseObjectArn(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            return null;
        }

        var resource = parts[5];
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == resource.Length - 1 ? null : (resource[..slash], resource[(slash + 1)..]);
    }
}
