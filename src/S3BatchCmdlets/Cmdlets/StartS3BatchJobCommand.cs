using System;
using System.Management.Automation;
using S3Batch.Model;
using S3Batch.Protocol;

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
        private const string Requested = "Ready";

        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Outputs the job (described after the change).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId);
                var context = Connect();
                var whatIf = WhatIfText(context, $"Confirm S3 Batch Operations job {JobId} so that it runs (status Ready).",
                    S3ControlClient.BuildUpdateJobStatus(JobId, Requested, null));
                if (!ShouldProcess(whatIf, $"Confirm S3 Batch Operations job {JobId}, so that it runs?", MyInvocation.MyCommand.Name))
                {
                    return;
                }

                var result = ChangeStatus(context, JobId, Requested, null);
                WriteVerbose($"Job {JobId} confirmed: {result.Status}.");
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
