using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using S3Batch.Model;
using S3Batch.Protocol;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Set-S3BatchJobTag: replaces a job's whole tag set with -Tag (PutJobTagging); tags not in -Tag are
    /// removed. An empty hashtable removes them all.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "S3BatchJobTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class SetS3BatchJobTagCommand : S3BatchJobCmdlet
    {
        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>The job's new tags (at most 50; keys 1 to 128 characters, values up to 256), sent sorted by key.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        public Hashtable Tag { get; set; } = null!;

        /// <summary>Outputs the job.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId);
                var tags = PSConvert.Tags(Tag)!;
                ShapeValidator.ThrowIfInvalid(new PutJobTaggingRequest { Tags = tags }, "PutJobTaggingRequest", m => m == "Tags" ? nameof(Tag) : null);
                var context = Connect();
                var list = tags.Count == 0 ? "no tags" : string.Join(", ", tags.Select(t => t.ToString()));
                if (!Approve(
                    context,
                    $"Replace the tags of S3 Batch Operations job {JobId} with {list}.",
                    $"Replace the tags of S3 Batch Operations job {JobId} with {list}?",
                    force: false,
                    S3ControlClient.BuildPutJobTagging(JobId, tags)))
                {
                    return;
                }

                Run(cancel => context.Client.PutJobTaggingAsync(JobId, tags, cancel));
                WriteVerbose($"Job {JobId}: {tags.Count} tag(s) set.");
                if (PassThru)
                {
                    WriteObject(Describe(context, JobId));
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, JobId);
            }
        }
    }
}
