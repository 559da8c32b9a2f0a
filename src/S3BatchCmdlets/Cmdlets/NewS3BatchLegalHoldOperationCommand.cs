using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchLegalHoldOperation: a job operation that sets Object Lock legal hold (S3PutObjectLegalHold).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchLegalHoldOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchLegalHoldOperationCommand : OperationBuilderCmdlet
    {
        /// <summary>ON or OFF.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("ON", "OFF")]
        public string Status { get; set; } = null!;

        internal override JobOperation Build() => new()
        {
            S3PutObjectLegalHold = new S3SetObjectLegalHoldOperation { LegalHold = new S3ObjectLockLegalHold { Status = Status } },
        };
    }
}
