using System;
using System.Collections.Generic;

namespace S3Batch.Model
{
    /// <summary>JobManifest: where the list of objects is, and its format.</summary>
    public sealed class JobManifest : IShape
    {
        /// <summary>Format and fields.</summary>
        public JobManifestSpec? Spec { get; set; }
        /// <summary>Object ARN, version and ETag.</summary>
        public JobManifestLocation? Location { get; set; }

        /// <inheritdoc/>
        public override string ToString() => Location?.ObjectArn ?? "(manifest)";

        void IShape.Visit(IShapeVisitor v)
        {
            Spec = v.Structure(nameof(Spec), Spec, required: true);
            Location = v.Structure(nameof(Location), Location, required: true);
        }
    }

    /// <summary>JobManifestSpec.</summary>
    public sealed class JobManifestSpec : IShape
    {
        /// <summary>S3BatchOperations_CSV_20180820 or S3InventoryReport_CSV_20161130.</summary>
        public string? Format { get; set; }
        /// <summary>The CSV columns (Ignore, Bucket, Key, VersionId).</summary>
        public List<string>? Fields { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            Format = v.String(nameof(Format), Format, Shapes.JobManifestFormat, required: true);
            Fields = v.StringList(nameof(Fields), Fields, Shapes.JobManifestFieldList, Shapes.JobManifestFieldName);
        }
    }

    /// <summary>JobManifestLocation.</summary>
    public sealed class JobManifestLocation : IShape
    {
        /// <summary>True when the module made ObjectArn from a name, so New-S3BatchJob may put the job's partition in.</summary>
        internal bool ObjectArnFromName { get; set; }

        /// <summary>arn:partition:s3:::bucket/key.</summary>
        public string? ObjectArn { get; set; }
        /// <summary>The manifest object's version.</summary>
        public string? ObjectVersionId { get; set; }
        /// <summary>The manifest object's ETag, without quotes.</summary>
        public string? ETag { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ObjectArn = v.String(nameof(ObjectArn), ObjectArn, Shapes.S3KeyArnString, required: true);
            ObjectVersionId = v.String(nameof(ObjectVersionId), ObjectVersionId, Shapes.S3ObjectVersionId);
            ETag = v.String(nameof(ETag), ETag, Shapes.NonEmptyMaxLength1024String, required: true);
        }
    }

    /// <summary>JobReport: the completion report's settings.</summary>
    public sealed class JobReport : IShape
    {
        /// <summary>True when the module made Bucket from a name, so New-S3BatchJob may put the job's partition in.</summary>
        internal bool BucketFromName { get; set; }

        /// <summary>Bucket ARN.</summary>
        public string? Bucket { get; set; }
        /// <summary>Report_CSV_20180820.</summary>
        public string? Format { get; set; }
        /// <summary>Whether a report is written.</summary>
        public bool? Enabled { get; set; }
        /// <summary>Key prefix.</summary>
        public string? Prefix { get; set; }
        /// <summary>AllTasks or FailedTasksOnly.</summary>
        public string? ReportScope { get; set; }
        /// <summary>Expected owner of the report bucket.</summary>
        public string? ExpectedBucketOwner { get; set; }

        /// <inheritdoc/>
        public override string ToString() => Enabled == true ? $"{Bucket}/{Prefix} ({ReportScope})" : "(no report)";

        void IShape.Visit(IShapeVisitor v)
        {
            Bucket = v.String(nameof(Bucket), Bucket, Shapes.S3BucketArnString);
            Format = v.String(nameof(Format), Format, Shapes.JobReportFormat);
            Enabled = v.Boolean(nameof(Enabled), Enabled, required: true);
            Prefix = v.String(nameof(Prefix), Prefix, Shapes.ReportPrefixString);
            ReportScope = v.String(nameof(ReportScope), ReportScope, Shapes.JobReportScope);
            ExpectedBucketOwner = v.String(nameof(ExpectedBucketOwner), ExpectedBucketOwner, Shapes.AccountId);
        }
    }

    /// <summary>JobManifestGenerator (a union with one member).</summary>
    public sealed class JobManifestGenerator : IUnionShape
    {
        /// <summary>Generate the object list from a bucket.</summary>
        public S3JobManifestGenerator? S3JobManifestGenerator { get; set; }

        /// <inheritdoc/>
        public override string ToString() => S3JobManifestGenerator?.SourceBucket ?? "(generator)";

        void IShape.Visit(IShapeVisitor v) =>
            S3JobManifestGenerator = v.Structure(nameof(S3JobManifestGenerator), S3JobManifestGenerator);
    }

    /// <summary>S3JobManifestGenerator.</summary>
    public sealed class S3JobManifestGenerator : IShape
    {
        /// <summary>True when the module made SourceBucket from a name, so New-S3BatchJob may put the job's partition in.</summary>
        internal bool SourceBucketFromName { get; set; }

        /// <summary>Expected owner of the source bucket.</summary>
        public string? ExpectedBucketOwner { get; set; }
        /// <summary>Source bucket ARN.</summary>
        public string? SourceBucket { get; set; }
        /// <summary>Where the generated manifest is written.</summary>
        public S3ManifestOutputLocation? ManifestOutputLocation { get; set; }
        /// <summary>Which objects.</summary>
        public JobManifestGeneratorFilter? Filter { get; set; }
        /// <summary>Whether the generated manifest is written out.</summary>
        public bool? EnableManifestOutput { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ExpectedBucketOwner = v.String(nameof(ExpectedBucketOwner), ExpectedBucketOwner, Shapes.AccountId);
            SourceBucket = v.String(nameof(SourceBucket), SourceBucket, Shapes.S3BucketArnString, required: true);
            ManifestOutputLocation = v.Structure(nameof(ManifestOutputLocation), ManifestOutputLocation);
            Filter = v.Structure(nameof(Filter), Filter);
            EnableManifestOutput = v.Boolean(nameof(EnableManifestOutput), EnableManifestOutput, required: true);
        }
    }

    /// <summary>S3ManifestOutputLocation.</summary>
    public sealed class S3ManifestOutputLocation : IShape
    {
        /// <summary>True when the module made Bucket from a name, so New-S3BatchJob may put the job's partition in.</summary>
        internal bool BucketFromName { get; set; }

        /// <summary>Expected owner of the output bucket.</summary>
        public string? ExpectedManifestBucketOwner { get; set; }
        /// <summary>Output bucket ARN.</summary>
        public string? Bucket { get; set; }
        /// <summary>Key prefix.</summary>
        public string? ManifestPrefix { get; set; }
        /// <summary>Encryption of the manifest.</summary>
        public GeneratedManifestEncryption? ManifestEncryption { get; set; }
        /// <summary>S3InventoryReport_CSV_20211130.</summary>
        public string? ManifestFormat { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ExpectedManifestBucketOwner = v.String(nameof(ExpectedManifestBucketOwner), ExpectedManifestBucketOwner, Shapes.AccountId);
            Bucket = v.String(nameof(Bucket), Bucket, Shapes.S3BucketArnString, required: true);
            ManifestPrefix = v.String(nameof(ManifestPrefix), ManifestPrefix, Shapes.ManifestPrefixString);
            ManifestEncryption = v.Structure(nameof(ManifestEncryption), ManifestEncryption);
            ManifestFormat = v.String(nameof(ManifestFormat), ManifestFormat, Shapes.GeneratedManifestFormat, required: true);
        }
    }

    /// <summary>GeneratedManifestEncryption.</summary>
    public sealed class GeneratedManifestEncryption : IShape
    {
        /// <summary>SSE-S3.</summary>
        public SSES3Encryption? SSES3 { get; set; }
        /// <summary>SSE-KMS.</summary>
        public SSEKMSEncryption? SSEKMS { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            SSES3 = v.Structure("SSE-S3", SSES3);
            SSEKMS = v.Structure("SSE-KMS", SSEKMS);
        }
    }

    /// <summary>SSES3Encryption (no members).</summary>
    public sealed class SSES3Encryption : IShape
    {
        void IShape.Visit(IShapeVisitor v)
        {
        }
    }

    /// <summary>SSEKMSEncryption.</summary>
    public sealed class SSEKMSEncryption : IShape
    {
        /// <summary>The KMS key.</summary>
        public string? KeyId { get; set; }

        void IShape.Visit(IShapeVisitor v) => KeyId = v.String(nameof(KeyId), KeyId, Shapes.KmsKeyArnString, required: true);
    }

    /// <summary>JobManifestGeneratorFilter.</summary>
    public sealed class JobManifestGeneratorFilter : IShape
    {
        /// <summary>Only objects eligible for replication.</summary>
        public bool? EligibleForReplication { get; set; }
        /// <summary>Created after.</summary>
        public DateTime? CreatedAfter { get; set; }
        /// <summary>Created before.</summary>
        public DateTime? CreatedBefore { get; set; }
        /// <summary>Replication statuses.</summary>
        public List<string>? ObjectReplicationStatuses { get; set; }
        /// <summary>Key prefixes, suffixes, substrings.</summary>
        public KeyNameConstraint? KeyNameConstraint { get; set; }
        /// <summary>Larger than (bytes, exclusive).</summary>
        public long? ObjectSizeGreaterThanBytes { get; set; }
        /// <summary>Smaller than (bytes, exclusive).</summary>
        public long? ObjectSizeLessThanBytes { get; set; }
        /// <summary>Storage classes.</summary>
        public List<string>? MatchAnyStorageClass { get; set; }
        /// <summary>Encryption (one filter).</summary>
        public List<ObjectEncryptionFilter>? MatchAnyObjectEncryption { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            EligibleForReplication = v.Boolean(nameof(EligibleForReplication), EligibleForReplication);
            CreatedAfter = v.Timestamp(nameof(CreatedAfter), CreatedAfter);
            CreatedBefore = v.Timestamp(nameof(CreatedBefore), CreatedBefore);
            ObjectReplicationStatuses = v.StringList(nameof(ObjectReplicationStatuses), ObjectReplicationStatuses, Shapes.ReplicationStatusFilterList, Shapes.ReplicationStatus);
            KeyNameConstraint = v.Structure(nameof(KeyNameConstraint), KeyNameConstraint);
            ObjectSizeGreaterThanBytes = v.Long(nameof(ObjectSizeGreaterThanBytes), ObjectSizeGreaterThanBytes, Shapes.ObjectSize);
            ObjectSizeLessThanBytes = v.Long(nameof(ObjectSizeLessThanBytes), ObjectSizeLessThanBytes, Shapes.ObjectSize);
            MatchAnyStorageClass = v.StringList(nameof(MatchAnyStorageClass), MatchAnyStorageClass, Shapes.StorageClassList, Shapes.S3StorageClass);
            MatchAnyObjectEncryption = v.StructureList(nameof(MatchAnyObjectEncryption), MatchAnyObjectEncryption, Shapes.ObjectEncryptionFilterList);
        }
    }

    /// <summary>KeyNameConstraint.</summary>
    public sealed class KeyNameConstraint : IShape
    {
        /// <summary>Prefixes.</summary>
        public List<string>? MatchAnyPrefix { get; set; }
        /// <summary>Suffixes.</summary>
        public List<string>? MatchAnySuffix { get; set; }
        /// <summary>Substrings.</summary>
        public List<string>? MatchAnySubstring { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            MatchAnyPrefix = v.StringList(nameof(MatchAnyPrefix), MatchAnyPrefix, Shapes.NonEmptyMaxLength1024StringList, Shapes.NonEmptyMaxLength1024String);
            MatchAnySuffix = v.StringList(nameof(MatchAnySuffix), MatchAnySuffix, Shapes.NonEmptyMaxLength1024StringList, Shapes.NonEmptyMaxLength1024String);
            MatchAnySubstring = v.StringList(nameof(MatchAnySubstring), MatchAnySubstring, Shapes.NonEmptyMaxLength1024StringList, Shapes.NonEmptyMaxLength1024String);
        }
    }

    /// <summary>ObjectEncryptionFilter (a union).</summary>
    public sealed class ObjectEncryptionFilter : IUnionShape
    {
        /// <summary>SSE-S3.</summary>
        public EmptyFilter? SSES3 { get; set; }
        /// <summary>SSE-KMS.</summary>
        public SSEKMSFilter? SSEKMS { get; set; }
        /// <summary>DSSE-KMS.</summary>
        public DSSEKMSFilter? DSSEKMS { get; set; }
        /// <summary>SSE-C.</summary>
        public EmptyFilter? SSEC { get; set; }
        /// <summary>Not server-side encrypted.</summary>
        public EmptyFilter? NOTSSE { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            SSES3 = v.Structure("SSE-S3", SSES3);
            SSEKMS = v.Structure("SSE-KMS", SSEKMS);
            DSSEKMS = v.Structure("DSSE-KMS", DSSEKMS);
            SSEC = v.Structure("SSE-C", SSEC);
            NOTSSE = v.Structure("NOT-SSE", NOTSSE);
        }
    }

    /// <summary>SSES3Filter, SSECFilter and NotSSEFilter: structures with no members.</summary>
    public sealed class EmptyFilter : IShape
    {
        void IShape.Visit(IShapeVisitor v)
        {
        }
    }

    /// <summary>SSEKMSFilter.</summary>
    public sealed class SSEKMSFilter : IShape
    {
        /// <summary>The KMS key.</summary>
        public string? KmsKeyArn { get; set; }
        /// <summary>S3 Bucket Key.</summary>
        public bool? BucketKeyEnabled { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            KmsKeyArn = v.String(nameof(KmsKeyArn), KmsKeyArn, Shapes.NonEmptyKmsKeyArnString);
            BucketKeyEnabled = v.Boolean(nameof(BucketKeyEnabled), BucketKeyEnabled);
        }
    }

    /// <summary>DSSEKMSFilter.</summary>
    public sealed class DSSEKMSFilter : IShape
    {
        /// <summary>The KMS key.</summary>
        public string? KmsKeyArn { get; set; }

        void IShape.Visit(IShapeVisitor v) => KmsKeyArn = v.String(nameof(KmsKeyArn), KmsKeyArn, Shapes.NonEmptyKmsKeyArnString);
    }

    /// <summary>S3GeneratedManifestDescriptor.</summary>
    public sealed class S3GeneratedManifestDescriptor : IShape
    {
        /// <summary>The format.</summary>
        public string? Format { get; set; }
        /// <summary>Where it is.</summary>
        public JobManifestLocation? Location { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            Format = v.String(nameof(Format), Format, Shapes.GeneratedManifestFormat);
            Location = v.Structure(nameof(Location), Location);
        }
    }
}
