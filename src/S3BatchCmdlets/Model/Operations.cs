using System;
using System.Collections.Generic;

namespace S3Batch.Model
{
    /// <summary>The operation a job performs on every object: exactly one member is set (JobOperation).</summary>
    /// <remarks>The model does not mark JobOperation as a union, but the service takes exactly one operation per job.</remarks>
    public sealed class JobOperation : IUnionShape
    {
        /// <summary>Invoke a Lambda function.</summary>
        public LambdaInvokeOperation? LambdaInvoke { get; set; }
        /// <summary>Copy objects.</summary>
        public S3CopyObjectOperation? S3PutObjectCopy { get; set; }
        /// <summary>Replace object ACLs.</summary>
        public S3SetObjectAclOperation? S3PutObjectAcl { get; set; }
        /// <summary>Replace object tags.</summary>
        public S3SetObjectTaggingOperation? S3PutObjectTagging { get; set; }
        /// <summary>Delete object tags.</summary>
        public S3DeleteObjectTaggingOperation? S3DeleteObjectTagging { get; set; }
        /// <summary>Restore archived objects.</summary>
        public S3InitiateRestoreObjectOperation? S3InitiateRestoreObject { get; set; }
        /// <summary>Set Object Lock legal hold.</summary>
        public S3SetObjectLegalHoldOperation? S3PutObjectLegalHold { get; set; }
        /// <summary>Set Object Lock retention.</summary>
        public S3SetObjectRetentionOperation? S3PutObjectRetention { get; set; }
        /// <summary>Replicate existing objects.</summary>
        public S3ReplicateObjectOperation? S3ReplicateObject { get; set; }
        /// <summary>Compute object checksums.</summary>
        public S3ComputeObjectChecksumOperation? S3ComputeObjectChecksum { get; set; }
        /// <summary>Change object encryption.</summary>
        public S3UpdateObjectEncryptionOperation? S3UpdateObjectEncryption { get; set; }

        /// <summary>The name of the member that is set (the OperationName the service reports), or null.</summary>
        public string? Name =>
            LambdaInvoke is not null ? nameof(LambdaInvoke)
            : S3PutObjectCopy is not null ? nameof(S3PutObjectCopy)
            : S3PutObjectAcl is not null ? nameof(S3PutObjectAcl)
            : S3PutObjectTagging is not null ? nameof(S3PutObjectTagging)
            : S3DeleteObjectTagging is not null ? nameof(S3DeleteObjectTagging)
            : S3InitiateRestoreObject is not null ? nameof(S3InitiateRestoreObject)
            : S3PutObjectLegalHold is not null ? nameof(S3PutObjectLegalHold)
            : S3PutObjectRetention is not null ? nameof(S3PutObjectRetention)
            : S3ReplicateObject is not null ? nameof(S3ReplicateObject)
            : S3ComputeObjectChecksum is not null ? nameof(S3ComputeObjectChecksum)
            : S3UpdateObjectEncryption is not null ? nameof(S3UpdateObjectEncryption)
            : null;

        /// <inheritdoc/>
        public override string ToString() => Name ?? "(no operation)";

        void IShape.Visit(IShapeVisitor v)
        {
            LambdaInvoke = v.Structure(nameof(LambdaInvoke), LambdaInvoke);
            S3PutObjectCopy = v.Structure(nameof(S3PutObjectCopy), S3PutObjectCopy);
            S3PutObjectAcl = v.Structure(nameof(S3PutObjectAcl), S3PutObjectAcl);
            S3PutObjectTagging = v.Structure(nameof(S3PutObjectTagging), S3PutObjectTagging);
            S3DeleteObjectTagging = v.Structure(nameof(S3DeleteObjectTagging), S3DeleteObjectTagging);
            S3InitiateRestoreObject = v.Structure(nameof(S3InitiateRestoreObject), S3InitiateRestoreObject);
            S3PutObjectLegalHold = v.Structure(nameof(S3PutObjectLegalHold), S3PutObjectLegalHold);
            S3PutObjectRetention = v.Structure(nameof(S3PutObjectRetention), S3PutObjectRetention);
            S3ReplicateObject = v.Structure(nameof(S3ReplicateObject), S3ReplicateObject);
            S3ComputeObjectChecksum = v.Structure(nameof(S3ComputeObjectChecksum), S3ComputeObjectChecksum);
            S3UpdateObjectEncryption = v.Structure(nameof(S3UpdateObjectEncryption), S3UpdateObjectEncryption);
        }
    }

    /// <summary>LambdaInvokeOperation.</summary>
    public sealed class LambdaInvokeOperation : IShape
    {
        /// <summary>The function's ARN.</summary>
        public string? FunctionArn { get; set; }
        /// <summary>1.0 or 2.0.</summary>
        public string? InvocationSchemaVersion { get; set; }
        /// <summary>Key-value pairs passed to the function (schema 2.0 only).</summary>
        public SortedDictionary<string, string>? UserArguments { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            FunctionArn = v.String(nameof(FunctionArn), FunctionArn, Shapes.FunctionArnString);
            InvocationSchemaVersion = v.String(nameof(InvocationSchemaVersion), InvocationSchemaVersion, Shapes.NonEmptyMaxLength64String);
            UserArguments = v.Map(nameof(UserArguments), UserArguments, Shapes.UserArguments);
        }
    }

    /// <summary>S3CopyObjectOperation.</summary>
    public sealed class S3CopyObjectOperation : IShape
    {
        /// <summary>True when the module made TargetResource from a name, so New-S3BatchJob may put the job's partition in.</summary>
        internal bool TargetResourceFromName { get; set; }

        /// <summary>The destination bucket's ARN.</summary>
        public string? TargetResource { get; set; }
        /// <summary>Canned ACL.</summary>
        public string? CannedAccessControlList { get; set; }
        /// <summary>Grants.</summary>
        public List<S3Grant>? AccessControlGrants { get; set; }
        /// <summary>COPY or REPLACE.</summary>
        public string? MetadataDirective { get; set; }
        /// <summary>Copy only if modified since.</summary>
        public DateTime? ModifiedSinceConstraint { get; set; }
        /// <summary>New metadata.</summary>
        public S3ObjectMetadata? NewObjectMetadata { get; set; }
        /// <summary>New tags.</summary>
        public List<S3Tag>? NewObjectTagging { get; set; }
        /// <summary>Website redirect location.</summary>
        public string? RedirectLocation { get; set; }
        /// <summary>Requester pays.</summary>
        public bool? RequesterPays { get; set; }
        /// <summary>Storage class.</summary>
        public string? StorageClass { get; set; }
        /// <summary>Copy only if not modified since.</summary>
        public DateTime? UnModifiedSinceConstraint { get; set; }
        /// <summary>KMS key for SSE-KMS.</summary>
        public string? SSEAwsKmsKeyId { get; set; }
        /// <summary>Prefix added to every copied key.</summary>
        public string? TargetKeyPrefix { get; set; }
        /// <summary>ON or OFF.</summary>
        public string? ObjectLockLegalHoldStatus { get; set; }
        /// <summary>COMPLIANCE or GOVERNANCE.</summary>
        public string? ObjectLockMode { get; set; }
        /// <summary>Retain-until date.</summary>
        public DateTime? ObjectLockRetainUntilDate { get; set; }
        /// <summary>S3 Bucket Key.</summary>
        public bool? BucketKeyEnabled { get; set; }
        /// <summary>Checksum algorithm for the copies.</summary>
        public string? ChecksumAlgorithm { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            TargetResource = v.String(nameof(TargetResource), TargetResource, Shapes.S3RegionalOrS3ExpressBucketArnString);
            CannedAccessControlList = v.String(nameof(CannedAccessControlList), CannedAccessControlList, Shapes.S3CannedAccessControlList);
            AccessControlGrants = v.StructureList(nameof(AccessControlGrants), AccessControlGrants, Shapes.S3GrantList);
            MetadataDirective = v.String(nameof(MetadataDirective), MetadataDirective, Shapes.S3MetadataDirective);
            ModifiedSinceConstraint = v.Timestamp(nameof(ModifiedSinceConstraint), ModifiedSinceConstraint);
            NewObjectMetadata = v.Structure(nameof(NewObjectMetadata), NewObjectMetadata);
            NewObjectTagging = v.StructureList(nameof(NewObjectTagging), NewObjectTagging, Shapes.S3TagSet);
            RedirectLocation = v.String(nameof(RedirectLocation), RedirectLocation, Shapes.NonEmptyMaxLength2048String);
            RequesterPays = v.Boolean(nameof(RequesterPays), RequesterPays);
            StorageClass = v.String(nameof(StorageClass), StorageClass, Shapes.S3StorageClass);
            UnModifiedSinceConstraint = v.Timestamp(nameof(UnModifiedSinceConstraint), UnModifiedSinceConstraint);
            SSEAwsKmsKeyId = v.String(nameof(SSEAwsKmsKeyId), SSEAwsKmsKeyId, Shapes.KmsKeyArnString);
            TargetKeyPrefix = v.String(nameof(TargetKeyPrefix), TargetKeyPrefix, Shapes.NonEmptyMaxLength1024String);
            ObjectLockLegalHoldStatus = v.String(nameof(ObjectLockLegalHoldStatus), ObjectLockLegalHoldStatus, Shapes.S3ObjectLockLegalHoldStatus);
            ObjectLockMode = v.String(nameof(ObjectLockMode), ObjectLockMode, Shapes.S3ObjectLockMode);
            ObjectLockRetainUntilDate = v.Timestamp(nameof(ObjectLockRetainUntilDate), ObjectLockRetainUntilDate);
            BucketKeyEnabled = v.Boolean(nameof(BucketKeyEnabled), BucketKeyEnabled);
            ChecksumAlgorithm = v.String(nameof(ChecksumAlgorithm), ChecksumAlgorithm, Shapes.S3ChecksumAlgorithm);
        }
    }

    /// <summary>S3ObjectMetadata (ContentLength, ContentMD5 and RequesterCharged are deprecated and never set by the cmdlets).</summary>
    public sealed class S3ObjectMetadata : IShape
    {
        /// <summary>Cache-Control.</summary>
        public string? CacheControl { get; set; }
        /// <summary>Content-Disposition.</summary>
        public string? ContentDisposition { get; set; }
        /// <summary>Content-Encoding.</summary>
        public string? ContentEncoding { get; set; }
        /// <summary>Content-Language.</summary>
        public string? ContentLanguage { get; set; }
        /// <summary>User metadata (x-amz-meta-*), sorted by key.</summary>
        public SortedDictionary<string, string>? UserMetadata { get; set; }
        /// <summary>Deprecated by the API.</summary>
        public long? ContentLength { get; set; }
        /// <summary>Deprecated by the API.</summary>
        public string? ContentMD5 { get; set; }
        /// <summary>Content-Type.</summary>
        public string? ContentType { get; set; }
        /// <summary>Expires.</summary>
        public DateTime? HttpExpiresDate { get; set; }
        /// <summary>Deprecated by the API.</summary>
        public bool? RequesterCharged { get; set; }
        /// <summary>AES256 or KMS.</summary>
        public string? SSEAlgorithm { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            CacheControl = v.String(nameof(CacheControl), CacheControl, Shapes.NonEmptyMaxLength1024String);
            ContentDisposition = v.String(nameof(ContentDisposition), ContentDisposition, Shapes.NonEmptyMaxLength1024String);
            ContentEncoding = v.String(nameof(ContentEncoding), ContentEncoding, Shapes.NonEmptyMaxLength1024String);
            ContentLanguage = v.String(nameof(ContentLanguage), ContentLanguage, Shapes.NonEmptyMaxLength1024String);
            UserMetadata = v.Map(nameof(UserMetadata), UserMetadata, Shapes.S3UserMetadata);
            ContentLength = v.Long(nameof(ContentLength), ContentLength, Shapes.S3ContentLength);
            ContentMD5 = v.String(nameof(ContentMD5), ContentMD5, Shapes.NonEmptyMaxLength1024String);
            ContentType = v.String(nameof(ContentType), ContentType, Shapes.NonEmptyMaxLength1024String);
            HttpExpiresDate = v.Timestamp(nameof(HttpExpiresDate), HttpExpiresDate);
            RequesterCharged = v.Boolean(nameof(RequesterCharged), RequesterCharged);
            SSEAlgorithm = v.String(nameof(SSEAlgorithm), SSEAlgorithm, Shapes.S3SSEAlgorithm);
        }
    }

    /// <summary>S3Grant.</summary>
    public sealed class S3Grant : IShape
    {
        /// <summary>Who.</summary>
        public S3Grantee? Grantee { get; set; }
        /// <summary>FULL_CONTROL, READ, WRITE, READ_ACP or WRITE_ACP.</summary>
        public string? Permission { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            Grantee = v.Structure(nameof(Grantee), Grantee);
            Permission = v.String(nameof(Permission), Permission, Shapes.S3Permission);
        }
    }

    /// <summary>S3Grantee.</summary>
    public sealed class S3Grantee : IShape
    {
        /// <summary>id, emailAddress or uri.</summary>
        public string? TypeIdentifier { get; set; }
        /// <summary>The canonical id, e-mail address or group URI.</summary>
        public string? Identifier { get; set; }
        /// <summary>Display name.</summary>
        public string? DisplayName { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            TypeIdentifier = v.String(nameof(TypeIdentifier), TypeIdentifier, Shapes.S3GranteeTypeIdentifier);
            Identifier = v.String(nameof(Identifier), Identifier, Shapes.NonEmptyMaxLength1024String);
            DisplayName = v.String(nameof(DisplayName), DisplayName, Shapes.NonEmptyMaxLength1024String);
        }
    }

    /// <summary>S3Tag: a key and a value.</summary>
    public sealed class S3Tag : IShape
    {
        /// <summary>Creates an empty tag.</summary>
        public S3Tag()
        {
        }

        /// <summary>Creates a tag.</summary>
        public S3Tag(string key, string value)
        {
            Key = key;
            Value = value;
        }

        /// <summary>The key.</summary>
        public string? Key { get; set; }
        /// <summary>The value.</summary>
        public string? Value { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{Key}={Value}";

        void IShape.Visit(IShapeVisitor v)
        {
            Key = v.String(nameof(Key), Key, Shapes.TagKeyString, required: true);
            Value = v.String(nameof(Value), Value, Shapes.TagValueString, required: true);
        }
    }

    /// <summary>S3SetObjectAclOperation.</summary>
    public sealed class S3SetObjectAclOperation : IShape
    {
        /// <summary>The policy to set.</summary>
        public S3AccessControlPolicy? AccessControlPolicy { get; set; }

        void IShape.Visit(IShapeVisitor v) =>
            AccessControlPolicy = v.Structure(nameof(AccessControlPolicy), AccessControlPolicy);
    }

    /// <summary>S3AccessControlPolicy.</summary>
    public sealed class S3AccessControlPolicy : IShape
    {
        /// <summary>An explicit ACL.</summary>
        public S3AccessControlList? AccessControlList { get; set; }
        /// <summary>A canned ACL.</summary>
        public string? CannedAccessControlList { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            AccessControlList = v.Structure(nameof(AccessControlList), AccessControlList);
            CannedAccessControlList = v.String(nameof(CannedAccessControlList), CannedAccessControlList, Shapes.S3CannedAccessControlList);
        }
    }

    /// <summary>S3AccessControlList.</summary>
    public sealed class S3AccessControlList : IShape
    {
        /// <summary>The owner.</summary>
        public S3ObjectOwner? Owner { get; set; }
        /// <summary>The grants.</summary>
        public List<S3Grant>? Grants { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            Owner = v.Structure(nameof(Owner), Owner, required: true);
            Grants = v.StructureList(nameof(Grants), Grants, Shapes.S3GrantList);
        }
    }

    /// <summary>S3ObjectOwner.</summary>
    public sealed class S3ObjectOwner : IShape
    {
        /// <summary>Canonical user id.</summary>
        public string? ID { get; set; }
        /// <summary>Display name.</summary>
        public string? DisplayName { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ID = v.String(nameof(ID), ID, Shapes.NonEmptyMaxLength1024String);
            DisplayName = v.String(nameof(DisplayName), DisplayName, Shapes.NonEmptyMaxLength1024String);
        }
    }

    /// <summary>S3SetObjectTaggingOperation.</summary>
    public sealed class S3SetObjectTaggingOperation : IShape
    {
        /// <summary>The tags that replace each object's tags.</summary>
        public List<S3Tag>? TagSet { get; set; }

        void IShape.Visit(IShapeVisitor v) => TagSet = v.StructureList(nameof(TagSet), TagSet, Shapes.S3TagSet);
    }

    /// <summary>S3DeleteObjectTaggingOperation (no members).</summary>
    public sealed class S3DeleteObjectTaggingOperation : IShape
    {
        void IShape.Visit(IShapeVisitor v)
        {
        }
    }

    /// <summary>S3InitiateRestoreObjectOperation.</summary>
    public sealed class S3InitiateRestoreObjectOperation : IShape
    {
        /// <summary>Days the restored copy stays.</summary>
        public int? ExpirationInDays { get; set; }
        /// <summary>BULK or STANDARD.</summary>
        public string? GlacierJobTier { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ExpirationInDays = v.Integer(nameof(ExpirationInDays), ExpirationInDays, Shapes.S3ExpirationInDays);
            GlacierJobTier = v.String(nameof(GlacierJobTier), GlacierJobTier, Shapes.S3GlacierJobTier);
        }
    }

    /// <summary>S3SetObjectLegalHoldOperation.</summary>
    public sealed class S3SetObjectLegalHoldOperation : IShape
    {
        /// <summary>The legal hold.</summary>
        public S3ObjectLockLegalHold? LegalHold { get; set; }

        void IShape.Visit(IShapeVisitor v) => LegalHold = v.Structure(nameof(LegalHold), LegalHold, required: true);
    }

    /// <summary>S3ObjectLockLegalHold.</summary>
    public sealed class S3ObjectLockLegalHold : IShape
    {
        /// <summary>ON or OFF.</summary>
        public string? Status { get; set; }

        void IShape.Visit(IShapeVisitor v) => Status = v.String(nameof(Status), Status, Shapes.S3ObjectLockLegalHoldStatus, required: true);
    }

    /// <summary>S3SetObjectRetentionOperation.</summary>
    public sealed class S3SetObjectRetentionOperation : IShape
    {
        /// <summary>Bypass governance-mode retention.</summary>
        public bool? BypassGovernanceRetention { get; set; }
        /// <summary>The retention.</summary>
        public S3Retention? Retention { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            BypassGovernanceRetention = v.Boolean(nameof(BypassGovernanceRetention), BypassGovernanceRetention);
            Retention = v.Structure(nameof(Retention), Retention, required: true);
        }
    }

    /// <summary>S3Retention.</summary>
    public sealed class S3Retention : IShape
    {
        /// <summary>Retain until.</summary>
        public DateTime? RetainUntilDate { get; set; }
        /// <summary>COMPLIANCE or GOVERNANCE.</summary>
        public string? Mode { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            RetainUntilDate = v.Timestamp(nameof(RetainUntilDate), RetainUntilDate);
            Mode = v.String(nameof(Mode), Mode, Shapes.S3ObjectLockRetentionMode);
        }
    }

    /// <summary>S3ReplicateObjectOperation (no members).</summary>
    public sealed class S3ReplicateObjectOperation : IShape
    {
        void IShape.Visit(IShapeVisitor v)
        {
        }
    }

    /// <summary>S3ComputeObjectChecksumOperation.</summary>
    public sealed class S3ComputeObjectChecksumOperation : IShape
    {
        /// <summary>The algorithm.</summary>
        public string? ChecksumAlgorithm { get; set; }
        /// <summary>FULL_OBJECT or COMPOSITE.</summary>
        public string? ChecksumType { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ChecksumAlgorithm = v.String(nameof(ChecksumAlgorithm), ChecksumAlgorithm, Shapes.ComputeObjectChecksumAlgorithm);
            ChecksumType = v.String(nameof(ChecksumType), ChecksumType, Shapes.ComputeObjectChecksumType);
        }
    }

    /// <summary>S3UpdateObjectEncryptionOperation.</summary>
    public sealed class S3UpdateObjectEncryptionOperation : IShape
    {
        /// <summary>The new encryption.</summary>
        public ObjectEncryption? ObjectEncryption { get; set; }

        void IShape.Visit(IShapeVisitor v) => ObjectEncryption = v.Structure(nameof(ObjectEncryption), ObjectEncryption);
    }

    /// <summary>ObjectEncryption.</summary>
    public sealed class ObjectEncryption : IShape
    {
        /// <summary>SSE-KMS settings.</summary>
        public S3UpdateObjectEncryptionSSEKMS? SSEKMS { get; set; }

        void IShape.Visit(IShapeVisitor v) => SSEKMS = v.Structure("SSE-KMS", SSEKMS);
    }

    /// <summary>S3UpdateObjectEncryptionSSEKMS.</summary>
    public sealed class S3UpdateObjectEncryptionSSEKMS : IShape
    {
        /// <summary>The KMS key ARN.</summary>
        public string? KMSKeyArn { get; set; }
        /// <summary>S3 Bucket Key.</summary>
        public bool? BucketKeyEnabled { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            KMSKeyArn = v.String(nameof(KMSKeyArn), KMSKeyArn, Shapes.NonEmptyKmsKeyArnString, required: true);
            BucketKeyEnabled = v.Boolean(nameof(BucketKeyEnabled), BucketKeyEnabled);
        }
    }
}
