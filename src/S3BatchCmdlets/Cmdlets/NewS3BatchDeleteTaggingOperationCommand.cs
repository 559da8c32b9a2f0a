using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchDeleteTaggingOperation: a job operation that deletes every object's tags (S3DeleteObjectTagging).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchDeleteTaggingOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchDeleteTaggingOperationCommand : OperationBuilderCmdlet
    {
        internal override JobOperation Build() => new() { S3DeleteObjectTagging = new S3DeleteObjectTaggingOperation() };
    }
}
