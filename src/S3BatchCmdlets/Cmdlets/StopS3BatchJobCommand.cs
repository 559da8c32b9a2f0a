using System;
using System.Management.Automation;
using S3Batch.Model;
using S3Batch.Protocol;

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
        private const string Requested = "Cancelled";

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
            try
            {
                ValidateInput(JobId, reason: Reason);
                var context = Connect();
                var because = Reason is null ? string.Empty : $" because: {Reason}";
                var whatIf = WhatIfText(context, $"Cancel S3 Batch Operations job {JobId} (status Cancelled){because}.",
                    S3ControlClient.BuildUpdateJobStatus(JobId, Requested, Reason));
                if (!Approve(whatIf, $"Cancel S3 Batch Operations job {JobId}? Its remaining tasks will not run, and tasks already done are not undone.", Force))
                {
                    return;
                }

                var result = ChangeStatus(context, JobId, Requested, Reason);
                WriteVerbose($"Job {JobId} cancelled: {result.Status}.");
                if (PassThru)
                {
                    WriteObject(result.DescribedJob is { } job ? context.Stamp(job) : Describe(context, JobId));
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, JobId);
            }
        }
    }
}
