using System;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Aws;
using S3Batch.Jobs;
using S3Batch.Model;
using S3Batch.Protocol;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// What the cmdlets that act on one job by its id share: checking the id (and priority, reason)
    /// against the model, describing a job, changing its status so that a retried change that finds it
    /// done counts as done, and -WhatIf text that shows the request. A piped job object gives its
    /// AccountId, Region, EndpointUrl and ProfileName, so that piping needs no repeated parameters.
    /// </summary>
    public abstract class S3BatchJobCmdlet : S3ControlCmdlet
    {
        private readonly Dictionary<JobContext, IS3ControlClient> _singleAttempt = new();

        /// <summary>The AWS region, for example us-east-1 (binds from a piped job object too).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public override string? Region
        {
            get => base.Region;
            set => base.Region = value;
        }

        /// <summary>A profile in the shared credentials or config file (binds from a piped job object too).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public override string? ProfileName
        {
            get => base.ProfileName;
            set => base.ProfileName = value;
        }

        /// <summary>The 12-digit account that owns the jobs; looked up with STS GetCallerIdentity when not given (binds from a piped job object too).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [ValidateAccountIdOrEmpty]
        public override string? AccountId
        {
            get => base.AccountId;
            set => base.AccountId = value;
        }

        /// <summary>A custom S3 Control endpoint, for example a local emulator (a piped job carries null for AWS's own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public override string? EndpointUrl
        {
            get => base.EndpointUrl;
            set => base.EndpointUrl = value;
        }

        /// <summary>Throws when the job id (or priority, or reason) breaks the model; nothing is sent then.</summary>
        internal static void ValidateInput(string jobId, int? priority = null, string? reason = null) =>
            JobCommandInput.ThrowIfInvalid(jobId, priority, reason);

        /// <summary>DescribeJob, stamped with where the job lives.</summary>
        internal S3BatchJob Describe(JobContext context, string jobId) =>
            context.Stamp(Run(cancel => context.Client.DescribeJobAsync(jobId, cancel)));

        /// <summary>UpdateJobStatus to <paramref name="requestedStatus"/> (Ready or Cancelled), retried; see <see cref="JobStatusChanger"/>.</summary>
        internal JobStatusChangeResult ChangeStatus(JobContext context, string jobId, string requestedStatus, string? reason)
        {
            var once = SingleAttemptClient(context);
            var policy = context.Options.Retry;
            var log = Log;
            return Run(cancel => JobStatusChanger.ChangeAsync(
                jobId,
                requestedStatus,
                policy,
                token => once.UpdateJobStatusAsync(jobId, requestedStatus, reason, token),
                token => context.Client.DescribeJobAsync(jobId, token),
                log,
                cancel));
        }

        /// <summary>
        /// ShouldProcess for a change: <paramref name="change"/> is what -WhatIf and -Verbose show, followed by
        /// <paramref name="requests"/> without a signature (their text is built only when it would be seen);
        /// <paramref name="question"/> is what -Confirm asks. With <paramref name="force"/> (and no -Confirm) it
        /// does not ask, but -WhatIf still only shows what would be done.
        /// </summary>
        internal bool Approve(JobContext context, string change, string question, bool force, params S3ControlRequest[] requests)
        {
            var whatIf = change;
            if (ShowsRequestText)
            {
                whatIf += " Request (unsigned):";
                foreach (var request in requests)
                {
                    whatIf += Environment.NewLine + request.Describe(context.Endpoint, context.AccountId).TrimEnd();
                }
            }

            if (force && !MyInvocation.BoundParameters.ContainsKey("Confirm") && !IsWhatIf())
            {
                return true;
            }

            return ShouldProcess(whatIf, question, MyInvocation.MyCommand.Name);
        }

        /// <summary>
        /// One record of Start-/Stop-S3BatchJob: checks the input, asks (<see cref="Approve"/>), changes the
        /// status to <paramref name="requested"/> (<see cref="ChangeStatus"/>) and, with
        /// <paramref name="passThru"/>, outputs the job; a failure is this record's error.
        /// </summary>
        internal void UpdateStatus(string jobId, string requested, string? reason, string change, string question, bool force, bool passThru)
        {
            try
            {
                ValidateInput(jobId, reason: reason);
                var context = Connect();
                if (!Approve(context, change, question, force, S3ControlClient.BuildUpdateJobStatus(jobId, requested, reason)))
                {
                    return;
                }

                var result = ChangeStatus(context, jobId, requested, reason);
                WriteVerbose($"Job {jobId}: status {result.Status}.");
                if (passThru)
                {
                    WriteObject(result.DescribedJob is { } job ? context.Stamp(job) : Describe(context, jobId));
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, jobId);
            }
        }

        /// <summary>A client for the same account and endpoint that makes one attempt per call, so that <see cref="JobStatusChanger"/> does the retrying.</summary>
        private IS3ControlClient SingleAttemptClient(JobContext context)
        {
            if (_singleAttempt.TryGetValue(context, out var known))
            {
                return known;
            }

            var client = new S3ControlClient(context.Options.WithMaxAttempts(1));
            _singleAttempt[context] = client;
            return client;
        }
    }
}
