using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchReplicateOperation: a job operation that replicates existing objects (S3ReplicateObject).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchReplicateOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchReplicateOperationCommand : OperationBuilderCmdlet
    {
        internal override JobOperation Build() => new() { S3ReplicateObject = new S3ReplicateObjectOperation() };
    }
}
