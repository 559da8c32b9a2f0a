using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Amazon.S3.Model;
using S3Batch.Aws;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchManifest: describes the object that lists a job's objects; looks its ETag up with HeadObject unless -ETag is given.</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchManifest", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(JobManifest))]
    public sealed class NewS3BatchManifestCommand : S3BatchAwsCmdlet
    {
        private const string KeySet = "BucketKey";
        private const string ArnSet = "ObjectArn";
        private static readonly Dictionary<string, string> Names = new() { ["ObjectVersionId"] = nameof(VersionId), ["Fields"] = nameof(Field) };

        /// <summary>The bucket that holds the manifest.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [Alias("BucketName")]
        [ValidateNotNullOrEmpty]
        public string Bucket { get; set; } = null!;

        /// <summary>The manifest's key.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Key { get; set; } = null!;

        /// <summary>The manifest's ARN: arn:aws:s3:::bucket/key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ArnSet)]
        [ValidateNotNullOrEmpty]
        public string ObjectArn { get; set; } = null!;

        /// <summary>The manifest object's version.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? VersionId { get; set; }

        /// <summary>The manifest object's ETag; looked up with HeadObject when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ETag { get; set; }

        /// <summary>Csv (S3BatchOperations_CSV_20180820) or InventoryReport (an S3 Inventory manifest.json).</summary>
        [Parameter]
        [ValidateSet("Csv", "InventoryReport")]
        public string Format { get; set; } = "Csv";

        /// <summary>The CSV columns, in order: Bucket, Key, VersionId, Ignore. Defaults to Bucket,Key.</summary>
        [Parameter]
        [ValidateSet("Ignore", "Bucket", "Key", "VersionId")]
        public string[]? Field { get; set; }

        /// <summary>A custom S3 endpoint for the HeadObject call.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? S3EndpointUrl { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(Build());
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, ParameterSetName == ArnSet ? ObjectArn : $"{Bucket}/{Key}");
            }
        }

        private JobManifest Build()
        {
            if (Format == "InventoryReport" && Field is not null)
            {
                throw S3BatchValidationException.Single("Manifest.Spec.Fields", "FieldWithInventory",
                    "-Field applies to CSV manifests only; an inventory report names its own columns. Remove -Field or use -Format Csv.", Field);
            }

            string bucket, key, arn;
            var fromName = ParameterSetName == KeySet;
            if (fromName)
            {
                bucket = Bucket;
                key = Key;
                arn = Arns.Object(Arns.Partition(Region), bucket, key);
            }
            else
            {
                arn = ObjectArn;
                var resource = arn.Split(new[] { ':' }, 6).ElementAtOrDefault(5) ?? string.Empty;
                var slash = resource.IndexOf('/');
                if (!arn.StartsWith("arn:", StringComparison.Ordinal) || slash <= 0)
                {
                    throw S3BatchValidationException.Single("Manifest.Location.ObjectArn", "InvalidObjectArn",
                        $"-ObjectArn '{arn}' is not an object ARN. Use arn:<partition>:s3:::<bucket>/<key>, or -Bucket and -Key.", arn);
                }

                bucket = resource.Substring(0, slash);
                key = resource.Substring(slash + 1);
            }

            var etag = ETag;
            if (string.IsNullOrEmpty(etag))
            {
                var caller = ResolveCaller(null, S3EndpointUrl, null);
                var s3 = S3ClientFactory.Create(caller);
                var request = new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = VersionId };
                WriteVerbose($"HeadObject s3://{bucket}/{key} for the manifest's ETag.");
                var head = Run(token => s3.GetObjectMetadataAsync(request, token));
                etag = head.ETag;
            }

            var manifest = new JobManifest
            {
                Spec = new JobManifestSpec
                {
                    Format = Format == "Csv" ? "S3BatchOperations_CSV_20180820" : "S3InventoryReport_CSV_20161130",
                    Fields = Format == "Csv" ? (Field ?? new[] { "Bucket", "Key" }).ToList() : null,
                },
                Location = new JobManifestLocation
                {
                    ObjectArn = arn,
                    ObjectArnFromName = fromName,
                    ObjectVersionId = VersionId,
                    ETag = etag!.Trim('"'),
                },
            };
            ShapeValidator.ThrowIfInvalid(manifest, "Manifest", m => Names.TryGetValue(m, out var p) ? p : null);
            return manifest;
        }
    }
}
