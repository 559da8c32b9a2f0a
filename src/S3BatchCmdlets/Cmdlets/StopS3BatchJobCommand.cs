using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Stop-S3BatchJob: cancels a job (UpdateJobStatus to Cancelled; it passes through Cancelling).
    /// Tasks already done are not undone. Asks first (ConfirmImpact High) unless -Force.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "S3BatchJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class StopS3BatchJobCommand : S3BatchJobCmdlet
    {
        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Why the job is cancelled (1 to 256 characters); the job keeps it as StatusUpdateReason.</summary>
        [Parameter(Position = 1)]
        public string? Reason { get; set; }

        /// <summary>Cancels without asking (for scripts and runbooks); -WhatIf still only shows what would be done.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Outputs the job (described after the change).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var because = Reason is null ? string.Empty : $" because: {Reason}";
            UpdateStatus(JobId, "Cancelled", Reason, $"Cancel S3 Batch Operations job {JobId} (status Cancelled){because}.",
                $"Cancel S3 Batch Operations job {JobId}? Its remaining tasks will not run, and tasks already done are not undone.", Force, PassThru);
        }
    }
}
