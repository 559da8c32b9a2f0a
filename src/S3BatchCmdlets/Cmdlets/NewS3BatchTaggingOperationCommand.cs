using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchTaggingOperation: a job operation that replaces every object's tags (S3PutObjectTagging).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchTaggingOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchTaggingOperationCommand : OperationBuilderCmdlet
    {
        private static readonly Dictionary<string, string> Names = new() { ["TagSet"] = nameof(Tag) };

        /// <summary>The tags (at most 10); an empty hashtable removes all tags.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [AllowEmptyCollection]
        public Hashtable Tag { get; set; } = null!;

        internal override IReadOnlyDictionary<string, string> ParameterNames => Names;

        internal override JobOperation Build() => new()
        {
            S3PutObjectTagging = new S3SetObjectTaggingOperation { TagSet = PSConvert.Tags(Tag) },
        };
    }
}
