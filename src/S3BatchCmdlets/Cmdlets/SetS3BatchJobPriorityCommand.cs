using System;
using System.Globalization;
using System.Management.Automation;
using S3Batch.Model;
using S3Batch.Protocol;

namespace S3Batch.Cmdlets
{
    /// <summary>Set-S3BatchJobPriority: changes a job's priority (UpdateJobPriority); higher numbers run first.</summary>
    [Cmdlet(VerbsCommon.Set, "S3BatchJobPriority", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class SetS3BatchJobPriorityCommand : S3BatchJobCmdlet
    {
        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>The new priority, 0 to 2147483647. Never taken from a piped job (that would be its current priority).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public int Priority { get; set; }

        /// <summary>Outputs the job (described after the change).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId, priority: Priority);
                var context = Connect();
                var priority = Priority.ToString(CultureInfo.InvariantCulture);
                if (!Approve(
                    context,
                    $"Set the priority of S3 Batch Operations job {JobId} to {priority}.",
                    $"Set the priority of S3 Batch Operations job {JobId} to {priority}?",
                    force: false,
                    S3ControlClient.BuildUpdateJobPriority(JobId, Priority)))
                {
                    return;
                }

                var result = Run(cancel => context.Client.UpdateJobPriorityAsync(JobId, Priority, cancel));
                WriteVerbose($"Job {JobId}: priority {result.Priority}.");
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
