using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchAclOperation: a job operation that replaces every object's ACL (S3PutObjectAcl).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchAclOperation", DefaultParameterSetName = CannedSet)]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchAclOperationCommand : OperationBuilderCmdlet
    {
        private const string CannedSet = "Canned";
        private const string ExplicitSet = "Explicit";
        private static readonly Dictionary<string, string> Names = new()
        {
            ["CannedAccessControlList"] = nameof(CannedAcl),
            ["ID"] = nameof(OwnerId),
            ["DisplayName"] = nameof(OwnerDisplayName),
            ["Grants"] = nameof(AccessControlGrant),
        };

        /// <summary>A canned ACL.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CannedSet)]
        [ValidateSet("private", "public-read", "public-read-write", "aws-exec-read", "authenticated-read", "bucket-owner-read", "bucket-owner-full-control")]
        public string CannedAcl { get; set; } = null!;

        /// <summary>The owner's canonical user id.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
        [ValidateNotNullOrEmpty]
        public string OwnerId { get; set; } = null!;

        /// <summary>The owner's display name.</summary>
        [Parameter(ParameterSetName = ExplicitSet)]
        public string? OwnerDisplayName { get; set; }

        /// <summary>Grants: hashtables or objects with Type, Identifier, DisplayName, Permission.</summary>
        [Parameter(ParameterSetName = ExplicitSet)]
        public object[]? AccessControlGrant { get; set; }

        internal override IReadOnlyDictionary<string, string> ParameterNames => Names;

        internal override JobOperation Build() => new()
        {
            S3PutObjectAcl = new S3SetObjectAclOperation
            {
                AccessControlPolicy = ParameterSetName == CannedSet
                    ? new S3AccessControlPolicy { CannedAccessControlList = CannedAcl }
                    : new S3AccessControlPolicy
                    {
                        AccessControlList = new S3AccessControlList
                        {
                            Owner = new S3ObjectOwner { ID = OwnerId, DisplayName = OwnerDisplayName },
                            Grants = PSConvert.Grants(AccessControlGrant),
                        },
                    },
            },
        };
    }
}
