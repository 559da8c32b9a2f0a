using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchRestoreOperation: a job operation that restores archived objects (S3InitiateRestoreObject).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchRestoreOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchRestoreOperationCommand : OperationBuilderCmdlet
    {
        /// <summary>How many days the restored copy stays available.</summary>
        [Parameter(Position = 0)]
        public int? ExpirationInDays { get; set; }

        /// <summary>The retrieval tier: BULK or STANDARD.</summary>
        [Parameter]
        [ValidateSet("BULK", "STANDARD")]
        public string? GlacierJobTier { get; set; }

        internal override JobOperation Build() => new()
        {
            S3InitiateRestoreObject = new S3InitiateRestoreObjectOperation { ExpirationInDays = ExpirationInDays, GlacierJobTier = GlacierJobTier },
        };
    }
}
