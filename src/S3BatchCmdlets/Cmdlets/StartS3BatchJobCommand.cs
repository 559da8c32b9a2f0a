using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Start-S3BatchJob: confirms a job that waits in Suspended (created with -ConfirmationRequired), so
    /// that it runs: UpdateJobStatus to Ready. The service refuses a job in any other status.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "S3BatchJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class StartS3BatchJobCommand : S3BatchJobCmdlet
    {
        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Outputs the job (described after the change).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord() =>
            UpdateStatus(JobId, "Ready", null, $"Confirm S3 Batch Operations job {JobId} so that it runs (status Ready).",
                $"Confirm S3 Batch Operations job {JobId}, so that it runs?", force: false, PassThru);
    }
}
