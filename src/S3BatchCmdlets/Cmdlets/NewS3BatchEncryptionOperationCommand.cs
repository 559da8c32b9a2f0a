using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchEncryptionOperation: a job operation that changes object encryption to SSE-KMS (S3UpdateObjectEncryption).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchEncryptionOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchEncryptionOperationCommand : OperationBuilderCmdlet
    {
        private static readonly Dictionary<string, string> Names = new() { ["KMSKeyArn"] = nameof(KmsKeyArn) };

        /// <summary>The KMS key's ARN.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string KmsKeyArn { get; set; } = null!;

        /// <summary>Use an S3 Bucket Key.</summary>
        [Parameter]
        public SwitchParameter BucketKeyEnabled { get; set; }

        internal override IReadOnlyDictionary<string, string> ParameterNames => Names;

        internal override JobOperation Build() => new()
        {
            S3UpdateObjectEncryption = new S3UpdateObjectEncryptionOperation
            {
                ObjectEncryption = new ObjectEncryption
                {
                    SSEKMS = new S3UpdateObjectEncryptionSSEKMS
                    {
                        KMSKeyArn = KmsKeyArn,
                        BucketKeyEnabled = PSConvert.Switch(this, nameof(BucketKeyEnabled), BucketKeyEnabled),
                    },
                },
            },
        };
    }
}
