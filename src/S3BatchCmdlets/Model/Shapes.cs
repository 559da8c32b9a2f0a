using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace S3Batch.Model
{
    /// <summary>Constraints of a string shape of the service model: length, pattern, enumeration.</summary>
    internal sealed class StringShape
    {
        public StringShape(string name, int? min = null, int? max = null, string? pattern = null, string[]? values = null)
        {
            Name = name;
            Min = min;
            Max = max;
            Pattern = pattern;
            // Smithy: a pattern must be found in the value; it is anchored only where it says ^ or $.
            Regex = pattern is null ? null : new Regex(ToDotNet(pattern), RegexOptions.CultureInvariant);
            Values = values;
        }

        public string Name { get; }
        public int? Min { get; }
        public int? Max { get; }
        public string? Pattern { get; }

        /// <summary>
        /// Smithy patterns are ECMAScript regular expressions, where an escaped word character such as
        /// <c>\_</c> means the character itself; .NET refuses those escapes, so they lose their backslash.
        /// </summary>
        internal static string ToDotNet(string pattern) =>
            Regex.Replace(pattern, @"(?<!\\)((?:\\\\)*)\\_", "$1_");

        public Regex? Regex { get; }
        public IReadOnlyList<string>? Values { get; }
    }

    /// <summary>Constraints of an integer or long shape.</summary>
    internal sealed class NumberShape
    {
        public NumberShape(string name, long? min = null, long? max = null)
        {
            Name = name;
            Min = min;
            Max = max;
        }

        public string Name { get; }
        public long? Min { get; }
        public long? Max { get; }
    }

    /// <summary>A list shape: the XML name of its items and its length limits.</summary>
    internal sealed class ListShape
    {
        public ListShape(string name, string itemName = "member", int? min = null, int? max = null)
        {
            Name = name;
            ItemName = itemName;
            Min = min;
            Max = max;
        }

        public string Name { get; }
        public string ItemName { get; }
        public int? Min { get; }
        public int? Max { get; }
    }

    /// <summary>A map shape: key and value constraints and the entry-count limits.</summary>
    internal sealed class MapShape
    {
        public MapShape(string name, StringShape key, StringShape value, int? min = null, int? max = null)
        {
            Name = name;
            Key = key;
            Value = value;
            Min = min;
            Max = max;
        }

        public string Name { get; }
        public StringShape Key { get; }
        public StringShape Value { get; }
        public int? Min { get; }
        public int? Max { get; }
    }

    /// <summary>
    /// The constrained shapes of s3control-jobs-model.json (botocore service-2.json, 2018-08-20),
    /// transcribed by name. The model is the authority: change this file only from it.
    /// </summary>
    internal static class Shapes
    {
        public static readonly StringShape AccountId = new("AccountId", max: 64, pattern: @"^\d{12}$");
        public static readonly StringShape FunctionArnString = new("FunctionArnString", 1, 1024,
            @"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?");
        public static readonly StringShape IAMRoleArn = new("IAMRoleArn", 1, 2048, @"arn:[^:]+:iam::\d{12}:role/.*");
        public static readonly StringShape JobArn = new("JobArn", 1, 1024, @"arn:[^:]+:s3:[a-zA-Z0-9\-]+:\d{12}:job\/.*");
        public static readonly StringShape JobFailureCode = new("JobFailureCode", 1, 64);
        public static readonly StringShape JobFailureReason = new("JobFailureReason", 1, 256);
        public static readonly StringShape JobId = new("JobId", 5, 36, @"[a-zA-Z0-9\-\_]+");
        public static readonly StringShape JobStatusUpdateReason = new("JobStatusUpdateReason", 1, 256);
        public static readonly StringShape KmsKeyArnString = new("KmsKeyArnString", 1, 2000);
        public static readonly StringShape ManifestPrefixString = new("ManifestPrefixString", 1, 512);
        public static readonly StringShape MaxLength1024String = new("MaxLength1024String", max: 1024);
        public static readonly StringShape NonEmptyKmsKeyArnString = new("NonEmptyKmsKeyArnString", 20, 2048,
            @"arn:aws[a-zA-Z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+");
        public static readonly StringShape NonEmptyMaxLength1024String = new("NonEmptyMaxLength1024String", 1, 1024);
        public static readonly StringShape NonEmptyMaxLength2048String = new("NonEmptyMaxLength2048String", 1, 2048);
        public static readonly StringShape NonEmptyMaxLength256String = new("NonEmptyMaxLength256String", 1, 256);
        public static readonly StringShape NonEmptyMaxLength64String = new("NonEmptyMaxLength64String", 1, 64);
        public static readonly StringShape ReportPrefixString = new("ReportPrefixString", 1, 512);
        public static readonly StringShape S3BucketArnString = new("S3BucketArnString", 1, 128, "arn:[^:]+:s3:.*");
        public static readonly StringShape S3KeyArnString = new("S3KeyArnString", 1, 2000, "arn:[^:]+:s3:.*");
        public static readonly StringShape S3ObjectVersionId = new("S3ObjectVersionId", 1, 2000);
        public static readonly StringShape S3RegionalOrS3ExpressBucketArnString = new("S3RegionalOrS3ExpressBucketArnString", 1, 128, "arn:[^:]+:(s3|s3express):.*");
        public static readonly StringShape StringForNextToken = new("StringForNextToken", 1, 1024, @"^[A-Za-z0-9\+\:\/\=\?\#-_]+$");
        public static readonly StringShape SuspendedCause = new("SuspendedCause", 1, 1024);
        public static readonly StringShape TagKeyString = new("TagKeyString", 1, 128, @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
        public static readonly StringShape TagValueString = new("TagValueString", 0, 256, @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
        /// <summary>Strings the model leaves unconstrained.</summary>
        public static readonly StringShape Unconstrained = new("String");

        public static readonly StringShape ComputeObjectChecksumAlgorithm = Enum("ComputeObjectChecksumAlgorithm",
            "CRC32", "CRC32C", "CRC64NVME", "MD5", "SHA1", "SHA256", "SHA512", "XXHASH64", "XXHASH3", "XXHASH128");
        public static readonly StringShape ComputeObjectChecksumType = Enum("ComputeObjectChecksumType", "FULL_OBJECT", "COMPOSITE");
        public static readonly StringShape GeneratedManifestFormat = Enum("GeneratedManifestFormat", "S3InventoryReport_CSV_20211130");
        public static readonly StringShape JobManifestFieldName = Enum("JobManifestFieldName", "Ignore", "Bucket", "Key", "VersionId");
        public static readonly StringShape JobManifestFormat = Enum("JobManifestFormat", "S3BatchOperations_CSV_20180820", "S3InventoryReport_CSV_20161130");
        public static readonly StringShape JobReportFormat = Enum("JobReportFormat", "Report_CSV_20180820");
        public static readonly StringShape JobReportScope = Enum("JobReportScope", "AllTasks", "FailedTasksOnly");
        public static readonly StringShape JobStatus = Enum("JobStatus",
            "Active", "Cancelled", "Cancelling", "Complete", "Completing", "Failed", "Failing", "New", "Paused", "Pausing", "Preparing", "Ready", "Suspended");
        public static readonly StringShape OperationName = Enum("OperationName",
            "LambdaInvoke", "S3PutObjectCopy", "S3PutObjectAcl", "S3PutObjectTagging", "S3DeleteObjectTagging", "S3InitiateRestoreObject",
            "S3PutObjectLegalHold", "S3PutObjectRetention", "S3ReplicateObject", "S3ComputeObjectChecksum", "S3UpdateObjectEncryption");
        public static readonly StringShape ReplicationStatus = Enum("ReplicationStatus", "COMPLETED", "FAILED", "REPLICA", "NONE");
        public static readonly StringShape RequestedJobStatus = Enum("RequestedJobStatus", "Cancelled", "Ready");
        public static readonly StringShape S3CannedAccessControlList = Enum("S3CannedAccessControlList",
            "private", "public-read", "public-read-write", "aws-exec-read", "authenticated-read", "bucket-owner-read", "bucket-owner-full-control");
        public static readonly StringShape S3ChecksumAlgorithm = Enum("S3ChecksumAlgorithm",
            "CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128");
        public static readonly StringShape S3GlacierJobTier = Enum("S3GlacierJobTier", "BULK", "STANDARD");
        public static readonly StringShape S3GranteeTypeIdentifier = Enum("S3GranteeTypeIdentifier", "id", "emailAddress", "uri");
        public static readonly StringShape S3MetadataDirective = Enum("S3MetadataDirective", "COPY", "REPLACE");
        public static readonly StringShape S3ObjectLockLegalHoldStatus = Enum("S3ObjectLockLegalHoldStatus", "OFF", "ON");
        public static readonly StringShape S3ObjectLockMode = Enum("S3ObjectLockMode", "COMPLIANCE", "GOVERNANCE");
        public static readonly StringShape S3ObjectLockRetentionMode = Enum("S3ObjectLockRetentionMode", "COMPLIANCE", "GOVERNANCE");
        public static readonly StringShape S3Permission = Enum("S3Permission", "FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP");
        public static readonly StringShape S3SSEAlgorithm = Enum("S3SSEAlgorithm", "AES256", "KMS");
        public static readonly StringShape S3StorageClass = Enum("S3StorageClass",
            "STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR");

        public static readonly NumberShape JobPriority = new("JobPriority", 0, 2147483647);
        public static readonly NumberShape NonNegativeLong = new("JobTotalNumberOfTasks", 0);
        public static readonly NumberShape MaxResults = new("MaxResults", 0, 1000);
        public static readonly NumberShape S3ContentLength = new("S3ContentLength", 0);
        public static readonly NumberShape S3ExpirationInDays = new("S3ExpirationInDays", 0);
        public static readonly NumberShape ObjectSize = new("ObjectSizeBytes");

        public static readonly ListShape S3TagSet = new("S3TagSet");
        public static readonly ListShape S3GrantList = new("S3GrantList");
        public static readonly ListShape JobManifestFieldList = new("JobManifestFieldList");
        public static readonly ListShape JobFailureList = new("JobFailureList");
        public static readonly ListShape JobListDescriptorList = new("JobListDescriptorList");
        public static readonly ListShape JobStatusList = new("JobStatusList");
        public static readonly ListShape NonEmptyMaxLength1024StringList = new("NonEmptyMaxLength1024StringList");
        public static readonly ListShape ReplicationStatusFilterList = new("ReplicationStatusFilterList");
        public static readonly ListShape StorageClassList = new("StorageClassList");
        public static readonly ListShape ObjectEncryptionFilterList = new("ObjectEncryptionFilterList", "ObjectEncryption", 1, 1);

        public static readonly MapShape UserArguments = new("UserArguments", NonEmptyMaxLength64String, MaxLength1024String, 1, 10);
        public static readonly MapShape S3UserMetadata = new("S3UserMetadata", NonEmptyMaxLength1024String, MaxLength1024String, max: 8192);

        private static StringShape Enum(string name, params string[] values) => new(name, values: values);
    }

    /// <summary>Limits AWS documents beyond the model (interface page, "Limits beyond the model").</summary>
    internal static class ServiceLimits
    {
        public const int MaxJobTags = 50;
        public const int MaxObjectTags = 10;
        public const int MaxUserMetadataBytes = 2048;
        public const int MaxListJobsResults = 1000;
        public const string XmlNamespace = "http://awss3control.amazonaws.com/doc/2018-08-20/";
    }
}
