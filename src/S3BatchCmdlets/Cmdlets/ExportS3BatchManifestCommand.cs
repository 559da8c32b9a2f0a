using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Amazon.S3;
using Amazon.S3.Model;
using S3Batch.Aws;
using S3Batch.Manifests;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Export-S3BatchManifest: writes a CSV manifest (S3BatchOperations_CSV_20180820) from objects on
    /// the pipeline, key strings with -SourceBucket, or a listing of -SourceBucket; streams it to S3
    /// (one PutObject, or a multipart upload for a manifest larger than one part) or to a file, and
    /// outputs the manifest object for New-S3BatchJob (or the file). A failed or stopped export leaves
    /// no object and no file behind.
    /// </summary>
    [Cmdlet(VerbsData.Export, "S3BatchManifest", SupportsShouldProcess = true, DefaultParameterSetName = S3Set)]
    [OutputType(typeof(JobManifest), ParameterSetName = new[] { S3Set })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { PathSet, LiteralPathSet })]
    public sealed class ExportS3BatchManifestCommand : S3BatchAwsCmdlet, IDisposable
    {
        private const string S3Set = "S3";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const int ProgressActivityId = 0x53_42_4D; // "SBM"
        private const int ProgressEveryRows = 1000;

        private ManifestExport? _export;
        private IAmazonS3? _s3;
        private ResolvedCaller? _caller;
        private string? _filePath;
        private bool _approved;
        private bool _sawInput;
        private bool _failed;
        private readonly Stopwatch _progressClock = new();

        /// <summary>The bucket the manifest is uploaded to (never from the pipeline).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string Bucket { get; set; } = null!;

        /// <summary>The manifest's key (never from the pipeline).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string Key { get; set; } = null!;

        /// <summary>A file to write the manifest to instead.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>A file to write the manifest to, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = null!;

        /// <summary>Replaces a read-only file.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Refuses to replace an existing file.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>
        /// The objects to list: anything with BucketName or Bucket, Key and optional VersionId
        /// (Get-S3Object, Get-S3BatchJobReport output, hashtables), or key strings (with -SourceBucket).
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The bucket of key strings, of objects without a bucket, and the bucket listed when nothing is piped in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourceBucket { get; set; }

        /// <summary>Lists only the keys under this prefix (when the cmdlet lists -SourceBucket itself).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Prefix { get; set; }

        /// <summary>A custom S3 endpoint (an emulator, a private S3); path-style addressing is used with it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? S3EndpointUrl { get; set; }

        private bool ToS3 => ParameterSetName == S3Set;

        private string Target => ToS3 ? $"s3://{Bucket}/{Key}" : _filePath ?? (ParameterSetName == PathSet ? Path : LiteralPath);

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            try
            {
                if (!ToS3)
                {
                    _filePath = ResolveFilePath();
                    FileManifestDestination.CheckTarget(_filePath, Force, NoClobber);
                }

                if (Prefix is not null && (MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(InputObject))))
                {
                    throw new ManifestExportException("PrefixWithInput",
                        "-Prefix applies when the cmdlet lists -SourceBucket itself, not to objects given on the pipeline. Filter the objects before the pipeline (Where-Object), or remove -Prefix.");
                }

                if (SourceBucket is null && !MyInvocation.ExpectingInput && !MyInvocation.BoundParameters.ContainsKey(nameof(InputObject)))
                {
                    throw new ManifestExportException("NoInput",
                        "Nothing to export: pipe objects (Get-S3Object, Get-S3BatchJobReport) or key strings in, or give -SourceBucket to list a bucket.");
                }

                _approved = ToS3
                    ? ShouldProcess($"s3://{Bucket}/{Key}", "Upload a CSV manifest")
                    : ShouldProcess(_filePath!, "Write a CSV manifest");
            }
            catch (ManifestExportException e)
            {
                ThrowTerminatingError(ToErrorRecord(e, Target));
            }
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(InputObject)))
            {
                return;
            }

            _sawInput = true;
            if (!_approved || InputObject is null)
            {
                return;
            }

            var value = InputObject.BaseObject;
            if (value is not string && value is not IDictionary && LanguagePrimitives.GetEnumerable(value) is IEnumerable many
                && !MyInvocation.ExpectingInput)
            {
                // -InputObject @(...) given directly: each element is a row.
                foreach (var item in many)
                {
                    AddInput(item is null ? null : PSObject.AsPSObject(item));
                }
            }
            else
            {
                AddInput(InputObject);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (!_approved)
            {
                return;
            }

            if (!_sawInput && !MyInvocation.ExpectingInput)
            {
                ListSourceBucket();
            }

            if (_export is null)
            {
                WriteWarning($"No rows to export, so nothing was written to {Target}.");
                return;
            }

            try
            {
                var eTag = _export.Complete();
                WriteProgress(new ProgressRecord(ProgressActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
                WriteVerbose($"Exported {_export.RowCount:N0} row(s), {_export.TotalBytes:N0} bytes, to {Target}{(eTag is null ? string.Empty : $" (ETag {eTag})")}.");
                if (ToS3)
                {
                    WriteObject(new JobManifest
                    {
                        Spec = new JobManifestSpec { Format = "S3BatchOperations_CSV_20180820", Fields = _export.Fields.ToList() },
                        Location = new JobManifestLocation
                        {
                            ObjectArn = Arns.Object(Arns.Partition(Caller().Region), Bucket, Key),
                            ObjectArnFromName = true,
                            ETag = eTag,
                        },
                    });
                }
                else
                {
                    WriteObject(new FileInfo(_filePath!));
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                Fail(error, Target);
            }
            finally
            {
                ReleaseExport();
            }
        }

        private string Activity => $"Exporting a manifest to {Target}";

        private void ListSourceBucket()
        {
            if (SourceBucket is null)
            {
                return;
            }

            var s3 = Client();
            var request = new ListObjectsV2Request { BucketName = SourceBucket, Prefix = Prefix };
            var page = 0;
            try
            {
                do
                {
                    page++;
                    WriteVerbose($"ListObjectsV2 s3://{SourceBucket}/{Prefix} (page {page}).");
                    var response = Run(token => s3.ListObjectsV2Async(request, token));
                    foreach (var entry in response.S3Objects ?? new System.Collections.Generic.List<S3Object>())
                    {
                        if (entry.Key.EndsWith("/", StringComparison.Ordinal) && (entry.Size ?? 0) == 0)
                        {
                            // A "folder" placeholder is not an object to act on.
                            continue;
                        }

                        WriteRow(SourceBucket, entry.Key, null, entry.Key);
                    }

                    request.ContinuationToken = response.NextContinuationToken;
                    if (response.IsTruncated != true)
                    {
                        break;
                    }
                }
                while (!string.IsNullOrEmpty(request.ContinuationToken));
            }
            catch (Exception error) when (!_failed && error is not PipelineStoppedException)
            {
                Fail(error, $"s3://{SourceBucket}/{Prefix}");
            }
        }

        private void AddInput(PSObject? item)
        {
            if (item is null)
            {
                return;
            }

            string? bucket;
            string? key;
            string? versionId = null;
            if (item.BaseObject is string text)
            {
                bucket = SourceBucket;
                key = text;
                if (bucket is null)
                {
                    Fail(new ManifestExportException("NoBucket",
                        $"The key '{text}' came without a bucket. Give -SourceBucket for key strings, or pipe objects with a BucketName or Bucket property."), text);
                    return;
                }
            }
            else
            {
                bucket = PSConvert.Property(item, "BucketName") ?? PSConvert.Property(item, "Bucket") ?? SourceBucket;
                key = PSConvert.Property(item, "Key");
                versionId = PSConvert.Property(item, "VersionId");
                if (string.IsNullOrEmpty(key))
                {
                    Fail(new ManifestExportException("NoKey",
                        $"The input object ({item.BaseObject.GetType().Name}) has no Key property. Pipe objects with BucketName or Bucket, Key and optional VersionId, or key strings with -SourceBucket."), item);
                    return;
                }

                if (string.IsNullOrEmpty(bucket))
                {
                    Fail(new ManifestExportException("NoBucket",
                        $"The object with key '{key}' has no BucketName or Bucket property. Give -SourceBucket, or pipe objects that name their bucket."), item);
                    return;
                }

                if (versionId == "null")
                {
                    // S3 lists an object written before versioning was enabled with the version id "null".
                    versionId = null;
                }
            }

            WriteRow(bucket!, key!, versionId, item);
        }

        private void WriteRow(string bucket, string key, string? versionId, object target)
        {
            try
            {
                var export = _export ??= Open();
                export.WriteRow(bucket, key, versionId);
                if (export.RowCount % ProgressEveryRows == 0 && (!_progressClock.IsRunning || _progressClock.ElapsedMilliseconds >= 250))
                {
                    _progressClock.Restart();
                    WriteProgress(new ProgressRecord(ProgressActivityId, Activity, $"{export.RowCount:N0} rows, {export.BytesWritten:N0} bytes sent"));
                }
            }
            catch (Exception error) when (!_failed && error is not PipelineStoppedException)
            {
                Fail(error, target);
            }
        }

        private ManifestExport Open()
        {
            IManifestDestination destination;
            if (ToS3)
            {
                var target = new S3ObjectUploadTarget(Client(), Bucket, Key, "text/csv");
                var upload = new S3StreamingUpload(target, CancelToken, PartSize(), WriteVerbose);
                destination = new S3ManifestDestination(upload, target.Description);
            }
            else
            {
                destination = new FileManifestDestination(_filePath!, Force, NoClobber);
            }

            WriteVerbose($"Writing the manifest to {destination.Description}.");
            return new ManifestExport(destination);
        }

        // Tests set S3BATCH_MANIFEST_PART_SIZE to reach the multipart path with a small manifest;
        // S3 itself needs at least 5 MiB, so smaller values are for S3-compatible test servers only.
        private static int PartSize() =>
            int.TryParse(Environment.GetEnvironmentVariable("S3BATCH_MANIFEST_PART_SIZE"), out var size) && size > 0
                ? size
                : S3StreamingUpload.DefaultPartSize;

        private ResolvedCaller Caller() => _caller ??= ResolveCaller(null, S3EndpointUrl, null);

        private IAmazonS3 Client() => _s3 ??= S3ClientFactory.Create(Caller());

        private string ResolveFilePath()
        {
            var given = ParameterSetName == PathSet ? Path : LiteralPath;
            var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out var provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                throw new ManifestExportException("NotAFile", $"'{given}' is not a file system path. Give a file path for the manifest.");
            }

            return resolved;
        }

        // Any error stops the export: the manifest is all or nothing, so nothing is left behind.
        private void Fail(Exception error, object? target)
        {
            _failed = true;
            var aborted = _export?.Destination is S3ManifestDestination s3 ? s3.Upload : null;
            ReleaseExport();
            if (aborted?.AbortError is { } abortError)
            {
                WriteWarning($"The multipart upload {aborted.UploadId} of {Target} could not be aborted ({abortError.Message}); no object was made, but its parts may remain until a lifecycle rule (AbortIncompleteMultipartUpload) removes them.");
            }

            ThrowTerminatingError(error switch
            {
                ManifestExportException => ToErrorRecord(error, target ?? Target),
                ArgumentException invalid => NewError("InvalidRow", ErrorCategory.InvalidData, target, invalid.Message + " Nothing was written.", null, invalid),
                _ => ToErrorRecord(error, target),
            });
        }

        private void ReleaseExport()
        {
            var export = _export;
            _export = null;
            export?.Dispose();
        }

        /// <summary>
        /// Aborts an export that did not complete (an error upstream, Ctrl+C): PowerShell disposes
        /// the cmdlet at the end of the pipeline whatever happened, even when EndProcessing never ran.
        /// </summary>
        void IDisposable.Dispose()
        {
            ReleaseExport();
            Dispose();
        }
    }
}
