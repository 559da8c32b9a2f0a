using System;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>Get-S3BatchJobTag: a job's tags (GetJobTagging), one S3Tag (Key, Value) each.</summary>
    [Cmdlet(VerbsCommon.Get, "S3BatchJobTag")]
    [OutputType(typeof(S3Tag))]
    public sealed class GetS3BatchJobTagCommand : S3BatchJobCmdlet
    {
        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId);
                var context = Connect();
                foreach (var tag in Run(cancel => context.Client.GetJobTaggingAsync(JobId, cancel)))
                {
                    WriteObject(tag);
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, JobId);
            }
        }
    }
}
