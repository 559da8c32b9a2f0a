using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchManifestGenerator: lets S3 Batch Operations list the objects itself, with filters.</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchManifestGenerator")]
    [OutputType(typeof(JobManifestGenerator))]
    public sealed class NewS3BatchManifestGeneratorCommand : S3BatchCmdlet
    {
        private static readonly Dictionary<string, string> Names = new()
        {
            ["MatchAnyPrefix"] = nameof(KeyPrefix),
            ["MatchAnySuffix"] = nameof(KeySuffix),
            ["MatchAnySubstring"] = nameof(KeySubstring),
            ["ObjectSizeGreaterThanBytes"] = nameof(ObjectSizeGreaterThan),
            ["ObjectSizeLessThanBytes"] = nameof(ObjectSizeLessThan),
            ["MatchAnyStorageClass"] = nameof(StorageClass),
            ["ObjectReplicationStatuses"] = nameof(ReplicationStatus),
            ["KmsKeyArn"] = nameof(ObjectEncryptionKmsKeyArn),
            ["ManifestPrefix"] = nameof(OutputPrefix),
            ["KeyId"] = nameof(OutputKmsKeyId),
        };

        /// <summary>The bucket whose objects the job acts on: a name or an ARN.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string SourceBucket { get; set; } = null!;

        /// <summary>Only keys that start with one of these.</summary>
        [Parameter]
        public string[]? KeyPrefix { get; set; }

        /// <summary>Only keys that end with one of these.</summary>
        [Parameter]
        public string[]? KeySuffix { get; set; }

        /// <summary>Only keys that contain one of these.</summary>
        [Parameter]
        public string[]? KeySubstring { get; set; }

        /// <summary>Only objects created after this time.</summary>
        [Parameter]
        public DateTime? CreatedAfter { get; set; }

        /// <summary>Only objects created before this time.</summary>
        [Parameter]
        public DateTime? CreatedBefore { get; set; }

        /// <summary>Only objects larger than this many bytes.</summary>
        [Parameter]
        public long? ObjectSizeGreaterThan { get; set; }

        /// <summary>Only objects smaller than this many bytes.</summary>
        [Parameter]
        public long? ObjectSizeLessThan { get; set; }

        /// <summary>Only objects in these storage classes.</summary>
        [Parameter]
        [ValidateSet("STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR")]
        public string[]? StorageClass { get; set; }

        /// <summary>Only objects with these replication statuses.</summary>
        [Parameter]
        [ValidateSet("COMPLETED", "FAILED", "REPLICA", "NONE")]
        public string[]? ReplicationStatus { get; set; }

        /// <summary>Only objects eligible for replication.</summary>
        [Parameter]
        public SwitchParameter EligibleForReplication { get; set; }

        /// <summary>Only objects with this server-side encryption.</summary>
        [Parameter]
        [ValidateSet("SSE-S3", "SSE-KMS", "DSSE-KMS", "SSE-C", "NOT-SSE")]
        public string? ObjectEncryption { get; set; }

        /// <summary>With SSE-KMS or DSSE-KMS: only objects encrypted with this key.</summary>
        [Parameter]
        public string? ObjectEncryptionKmsKeyArn { get; set; }

        /// <summary>With SSE-KMS: only objects with (or without) an S3 Bucket Key.</summary>
        [Parameter]
        public SwitchParameter ObjectEncryptionBucketKeyEnabled { get; set; }

        /// <summary>Write the generated manifest to this bucket (name or ARN); output is enabled exactly when this is given.</summary>
        [Parameter]
        public string? OutputBucket { get; set; }

        /// <summary>Key prefix of the generated manifest.</summary>
        [Parameter]
        public string? OutputPrefix { get; set; }

        /// <summary>Encryption of the generated manifest: SSE-S3 or SSE-KMS.</summary>
        [Parameter]
        [ValidateSet("SSE-S3", "SSE-KMS")]
        public string? OutputEncryption { get; set; }

        /// <summary>With -OutputEncryption SSE-KMS: the KMS key.</summary>
        [Parameter]
        public string? OutputKmsKeyId { get; set; }

        /// <summary>The account expected to own the source bucket.</summary>
        [Parameter]
        public string? ExpectedBucketOwner { get; set; }

        /// <summary>The account expected to own the output bucket.</summary>
        [Parameter]
        public string? ExpectedManifestBucketOwner { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            try
            {
                var generator = Build();
                ShapeValidator.ThrowIfInvalid(generator, "ManifestGenerator", m => Names.TryGetValue(m, out var p) ? p : MyInvocation.MyCommand.Parameters.ContainsKey(m) ? m : null);
                WriteObject(generator);
            }
            catch (S3BatchValidationException error)
            {
                ThrowFailure(error, SourceBucket);
            }
        }

        private JobManifestGenerator Build()
        {
            var partition = GuessPartition();
            if (ObjectEncryption is not ("SSE-KMS" or "DSSE-KMS") && ObjectEncryptionKmsKeyArn is not null)
            {
                throw Conflict(nameof(ObjectEncryptionKmsKeyArn), "-ObjectEncryptionKmsKeyArn goes with -ObjectEncryption SSE-KMS or DSSE-KMS.");
            }

            if (ObjectEncryption != "SSE-KMS" && MyInvocation.BoundParameters.ContainsKey(nameof(ObjectEncryptionBucketKeyEnabled)))
            {
                throw Conflict(nameof(ObjectEncryptionBucketKeyEnabled), "-ObjectEncryptionBucketKeyEnabled goes with -ObjectEncryption SSE-KMS.");
            }

            if (OutputBucket is null && (OutputPrefix ?? OutputEncryption ?? OutputKmsKeyId ?? ExpectedManifestBucketOwner) is not null)
            {
                throw Conflict(nameof(OutputBucket), "-OutputPrefix, -OutputEncryption, -OutputKmsKeyId and -ExpectedManifestBucketOwner need -OutputBucket.");
            }

            if ((OutputEncryption == "SSE-KMS") != (OutputKmsKeyId is not null))
            {
                throw Conflict(nameof(OutputKmsKeyId), "-OutputEncryption SSE-KMS needs -OutputKmsKeyId, and -OutputKmsKeyId needs -OutputEncryption SSE-KMS.");
            }

            var keys = KeyPrefix ?? KeySuffix ?? KeySubstring;
            var filter = new JobManifestGeneratorFilter
            {
                EligibleForReplication = PSConvert.Switch(this, nameof(EligibleForReplication), EligibleForReplication),
                CreatedAfter = CreatedAfter,
                CreatedBefore = CreatedBefore,
                ObjectReplicationStatuses = ReplicationStatus?.ToList(),
                KeyNameConstraint = keys is null ? null : new KeyNameConstraint
                {
                    MatchAnyPrefix = KeyPrefix?.ToList(),
                    MatchAnySuffix = KeySuffix?.ToList(),
                    MatchAnySubstring = KeySubstring?.ToList(),
                },
                ObjectSizeGreaterThanBytes = ObjectSizeGreaterThan,
                ObjectSizeLessThanBytes = ObjectSizeLessThan,
                MatchAnyStorageClass = StorageClass?.ToList(),
                MatchAnyObjectEncryption = ObjectEncryption is null ? null : new List<ObjectEncryptionFilter> { EncryptionFilter() },
            };
            var anyFilter = filter.EligibleForReplication ?? filter.CreatedAfter ?? filter.CreatedBefore ?? filter.ObjectSizeGreaterThanBytes
                ?? filter.ObjectSizeLessThanBytes ?? (object?)filter.ObjectReplicationStatuses ?? filter.KeyNameConstraint
                ?? filter.MatchAnyStorageClass ?? (object?)filter.MatchAnyObjectEncryption;

            return new JobManifestGenerator
            {
                S3JobManifestGenerator = new S3JobManifestGenerator
                {
                    ExpectedBucketOwner = ExpectedBucketOwner,
                    SourceBucket = Arns.IsArn(SourceBucket) ? SourceBucket : Arns.Bucket(partition, SourceBucket),
                    SourceBucketFromName = !Arns.IsArn(SourceBucket),
                    ManifestOutputLocation = OutputBucket is null ? null : new S3ManifestOutputLocation
                    {
                        ExpectedManifestBucketOwner = ExpectedManifestBucketOwner,
                        Bucket = Arns.IsArn(OutputBucket) ? OutputBucket : Arns.Bucket(partition, OutputBucket),
                        BucketFromName = !Arns.IsArn(OutputBucket),
                        ManifestPrefix = OutputPrefix,
                        ManifestEncryption = OutputEncryption switch
                        {
                            "SSE-S3" => new GeneratedManifestEncryption { SSES3 = new SSES3Encryption() },
                            "SSE-KMS" => new GeneratedManifestEncryption { SSEKMS = new SSEKMSEncryption { KeyId = OutputKmsKeyId } },
                            _ => null,
                        },
                        ManifestFormat = "S3InventoryReport_CSV_20211130",
                    },
                    Filter = anyFilter is null ? null : filter,
                    EnableManifestOutput = OutputBucket is not null,
                },
            };
        }

        private ObjectEncryptionFilter EncryptionFilter() => ObjectEncryption switch
        {
            "SSE-S3" => new ObjectEncryptionFilter { SSES3 = new EmptyFilter() },
            "SSE-KMS" => new ObjectEncryptionFilter
            {
                SSEKMS = new SSEKMSFilter
                {
                    KmsKeyArn = ObjectEncryptionKmsKeyArn,
                    BucketKeyEnabled = PSConvert.Switch(this, nameof(ObjectEncryptionBucketKeyEnabled), ObjectEncryptionBucketKeyEnabled),
                },
            },
            "DSSE-KMS" => new ObjectEncryptionFilter { DSSEKMS = new DSSEKMSFilter { KmsKeyArn = ObjectEncryptionKmsKeyArn } },
            "SSE-C" => new ObjectEncryptionFilter { SSEC = new EmptyFilter() },
            _ => new ObjectEncryptionFilter { NOTSSE = new EmptyFilter() },
        };

        private static S3BatchValidationException Conflict(string parameter, string message) =>
            S3BatchValidationException.Single("ManifestGenerator." + parameter, "Conflict", message, parameter);
    }
}
