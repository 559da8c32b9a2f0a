using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using S3Batch.Model;
using S3Batch.Protocol;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Remove-S3BatchJobTag: removes all of a job's tags (DeleteJobTagging), or with -Key only those
    /// keys (GetJobTagging, then PutJobTagging with the others).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "S3BatchJobTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class RemoveS3BatchJobTagCommand : S3BatchJobCmdlet
    {
        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Only the tags with these keys (case-sensitive, as S3 compares them); without it, all tags.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? Key { get; set; }

        /// <summary>Outputs the job.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId);
                var context = Connect();
                if (Key is null)
                {
                    if (!Approve(
                        context,
                        $"Remove all tags of S3 Batch Operations job {JobId}.",
                        $"Remove all tags of S3 Batch Operations job {JobId}?",
                        force: false,
                        S3ControlClient.BuildDeleteJobTagging(JobId)))
                    {
                        return;
                    }

                    Run(cancel => context.Client.DeleteJobTaggingAsync(JobId, cancel));
                    WriteVerbose($"Job {JobId}: all tags removed.");
                }
                else if (!RemoveKeys(context))
                {
                    return;
                }

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

        /// <summary>Read, remove the keys, write back; false when declined.</summary>
        private bool RemoveKeys(JobContext context)
        {
            var keys = new HashSet<string>(Key!, StringComparer.Ordinal);
            var names = string.Join(", ", keys);
            if (!Approve(
                context,
                $"Remove the tags {names} of S3 Batch Operations job {JobId}: read its tags, then write back the others.",
                $"Remove the tags {names} of S3 Batch Operations job {JobId}?",
                force: false,
                S3ControlClient.BuildGetJobTagging(JobId)))
            {
                return false;
            }

            var tags = Run(cancel => context.Client.GetJobTaggingAsync(JobId, cancel));
            var kept = tags.Where(t => t.Key is null || !keys.Contains(t.Key)).ToList();
            if (kept.Count == tags.Count)
            {
                WriteVerbose($"Job {JobId} has no tag with the key(s) {names}; nothing to change.");
                return true;
            }

            if (kept.Count == 0)
            {
                Run(cancel => context.Client.DeleteJobTaggingAsync(JobId, cancel));
            }
            else
            {
                Run(cancel => context.Client.PutJobTaggingAsync(JobId, kept, cancel));
            }

            WriteVerbose($"Job {JobId}: {tags.Count - kept.Count} tag(s) removed, {kept.Count} kept.");
            return true;
        }
    }
}
