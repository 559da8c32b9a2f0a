using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchCopyOperation: a job operation that copies every object (S3PutObjectCopy).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchCopyOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchCopyOperationCommand : OperationBuilderCmdlet
    {
        private static readonly Dictionary<string, string> Names = new()
        {
            ["TargetResource"] = nameof(TargetBucket),
            ["CannedAccessControlList"] = nameof(CannedAcl),
            ["AccessControlGrants"] = nameof(AccessControlGrant),
            ["ModifiedSinceConstraint"] = nameof(ModifiedSince),
            ["UnModifiedSinceConstraint"] = nameof(UnmodifiedSince),
            ["UserMetadata"] = nameof(Metadata),
            ["NewObjectTagging"] = nameof(Tag),
            ["SSEAwsKmsKeyId"] = nameof(SseKmsKeyId),
            ["SSEAlgorithm"] = nameof(SseAlgorithm),
            ["ObjectLockLegalHoldStatus"] = nameof(ObjectLockLegalHold),
            ["ObjectLockRetainUntilDate"] = nameof(ObjectLockRetainUntil),
        };

        /// <summary>The destination bucket: a name, or an ARN (directory buckets need their s3express ARN).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string TargetBucket { get; set; } = null!;

        /// <summary>A prefix put before every copied key.</summary>
        [Parameter]
        public string? TargetKeyPrefix { get; set; }

        /// <summary>The storage class of the copies.</summary>
        [Parameter]
        [ValidateSet("STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR")]
        public string? StorageClass { get; set; }

        /// <summary>A canned ACL for the copies.</summary>
        [Parameter]
        [ValidateSet("private", "public-read", "public-read-write", "aws-exec-read", "authenticated-read", "bucket-owner-read", "bucket-owner-full-control")]
        public string? CannedAcl { get; set; }

        /// <summary>Grants: hashtables or objects with Type, Identifier, DisplayName, Permission.</summary>
        [Parameter]
        public object[]? AccessControlGrant { get; set; }

        /// <summary>COPY keeps the source's metadata; REPLACE uses the metadata given here.</summary>
        [Parameter]
        [ValidateSet("COPY", "REPLACE")]
        public string? MetadataDirective { get; set; }

        /// <summary>User metadata (x-amz-meta-*) for the copies.</summary>
        [Parameter]
        public Hashtable? Metadata { get; set; }

        /// <summary>Cache-Control of the copies.</summary>
        [Parameter]
        public string? CacheControl { get; set; }

        /// <summary>Content-Disposition of the copies.</summary>
        [Parameter]
        public string? ContentDisposition { get; set; }

        /// <summary>Content-Encoding of the copies.</summary>
        [Parameter]
        public string? ContentEncoding { get; set; }

        /// <summary>Content-Language of the copies.</summary>
        [Parameter]
        public string? ContentLanguage { get; set; }

        /// <summary>Content-Type of the copies.</summary>
        [Parameter]
        public string? ContentType { get; set; }

        /// <summary>The Expires date of the copies.</summary>
        [Parameter]
        public DateTime? HttpExpiresDate { get; set; }

        /// <summary>Server-side encryption of the copies: AES256 or KMS.</summary>
        [Parameter]
        [ValidateSet("AES256", "KMS")]
        public string? SseAlgorithm { get; set; }

        /// <summary>Tags of the copies (at most 10).</summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary>Copy only objects modified since this time.</summary>
        [Parameter]
        public DateTime? ModifiedSince { get; set; }

        /// <summary>Copy only objects not modified since this time.</summary>
        [Parameter]
        public DateTime? UnmodifiedSince { get; set; }

        /// <summary>Website redirect location of the copies.</summary>
        [Parameter]
        public string? RedirectLocation { get; set; }

        /// <summary>The requester pays for the copies.</summary>
        [Parameter]
        public SwitchParameter RequesterPays { get; set; }

        /// <summary>The KMS key for SSE-KMS.</summary>
        [Parameter]
        public string? SseKmsKeyId { get; set; }

        /// <summary>Use an S3 Bucket Key for SSE-KMS.</summary>
        [Parameter]
        public SwitchParameter BucketKeyEnabled { get; set; }

        /// <summary>Object Lock legal hold of the copies: ON or OFF.</summary>
        [Parameter]
        [ValidateSet("ON", "OFF")]
        public string? ObjectLockLegalHold { get; set; }

        /// <summary>Object Lock mode of the copies.</summary>
        [Parameter]
        [ValidateSet("COMPLIANCE", "GOVERNANCE")]
        public string? ObjectLockMode { get; set; }

        /// <summary>Object Lock retain-until date of the copies.</summary>
        [Parameter]
        public DateTime? ObjectLockRetainUntil { get; set; }

        /// <summary>The checksum algorithm of the copies.</summary>
        [Parameter]
        [ValidateSet("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128")]
        public string? ChecksumAlgorithm { get; set; }

        internal override IReadOnlyDictionary<string, string> ParameterNames => Names;

        internal override JobOperation Build()
        {
            var fromName = !Arns.IsArn(TargetBucket);
            if (fromName && Arns.IsDirectoryBucketName(TargetBucket))
            {
                throw S3BatchValidationException.Single("Operation.S3PutObjectCopy.TargetResource", "DirectoryBucketName",
                    $"'{TargetBucket}' is a directory bucket. Give its ARN to -TargetBucket, for example arn:aws:s3express:<region>:<account>:bucket/{TargetBucket}.",
                    TargetBucket);
            }

            var metadata = new S3ObjectMetadata
            {
                CacheControl = CacheControl,
                ContentDisposition = ContentDisposition,
                ContentEncoding = ContentEncoding,
                ContentLanguage = ContentLanguage,
                UserMetadata = PSConvert.Map(Metadata),
                ContentType = ContentType,
                HttpExpiresDate = HttpExpiresDate,
                SSEAlgorithm = SseAlgorithm,
            };
            var anyMetadata = CacheControl ?? ContentDisposition ?? ContentEncoding ?? ContentLanguage ?? ContentType ?? SseAlgorithm
                ?? (object?)metadata.UserMetadata ?? HttpExpiresDate;

            return new JobOperation
            {
                S3PutObjectCopy = new S3CopyObjectOperation
                {
                    TargetResource = fromName ? Arns.Bucket(GuessPartition(), TargetBucket) : TargetBucket,
                    TargetResourceFromName = fromName,
                    CannedAccessControlList = CannedAcl,
                    AccessControlGrants = PSConvert.Grants(AccessControlGrant),
                    MetadataDirective = MetadataDirective,
                    ModifiedSinceConstraint = ModifiedSince,
                    NewObjectMetadata = anyMetadata is null ? null : metadata,
                    NewObjectTagging = PSConvert.Tags(Tag),
                    RedirectLocation = RedirectLocation,
                    RequesterPays = PSConvert.Switch(this, nameof(RequesterPays), RequesterPays),
                    StorageClass = StorageClass,
                    UnModifiedSinceConstraint = UnmodifiedSince,
                    SSEAwsKmsKeyId = SseKmsKeyId,
                    TargetKeyPrefix = TargetKeyPrefix,
                    ObjectLockLegalHoldStatus = ObjectLockLegalHold,
                    ObjectLockMode = ObjectLockMode,
                    ObjectLockRetainUntilDate = ObjectLockRetainUntil,
                    BucketKeyEnabled = PSConvert.Switch(this, nameof(BucketKeyEnabled), BucketKeyEnabled),
                    ChecksumAlgorithm = ChecksumAlgorithm,
                },
            };
        }
    }
}
