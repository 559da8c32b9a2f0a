using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using S3Batch.Jobs;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Get-S3BatchJob: one job in full with -JobId (DescribeJob), or else the account's jobs (ListJobs,
    /// every page, each job written as its page arrives), optionally only those in the statuses of -Status.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "S3BatchJob", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class GetS3BatchJobCommand : S3BatchJobCmdlet
    {
        private const string DescribeSet = "Describe";
        private const string ListSet = "List";

        /// <summary>The job id; job objects bind by property name. Without it, the account's jobs are listed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DescribeSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Lists only the jobs in these statuses.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Active", "Cancelled", "Cancelling", "Complete", "Completing", "Failed", "Failing", "New", "Paused", "Pausing", "Preparing", "Ready", "Suspended")]
        public string[]? Status { get; set; }

        /// <summary>How many jobs each ListJobs request asks for (1 to 1000; the service's default when absent). Every page is read either way.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == DescribeSet)
            {
                DescribeOne();
            }
            else
            {
                ListAll();
            }
        }

        private void DescribeOne()
        {
            try
            {
                ValidateInput(JobId);
                WriteObject(Describe(Connect(), JobId));
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, JobId);
            }
        }

        private void ListAll()
        {
            var statuses = Status?.Select(s => JobStatuses.Canonical(s) ?? s).Distinct(StringComparer.Ordinal).ToList();
            int? pageSize = MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) ? PageSize : null;
            try
            {
                var context = Connect();
                string? token = null;
                var pages = 0;
                do
                {
                    var page = Run(cancel => context.Client.ListJobsAsync(statuses, token, pageSize, cancel));
                    pages++;
                    var jobs = page.Jobs ?? new List<JobListDescriptor>();
                    WriteVerbose($"ListJobs page {pages}: {jobs.Count} job(s){(page.NextToken is null ? string.Empty : ", more to come")}.");
                    foreach (var entry in jobs)
                    {
                        WriteObject(context.Stamp(S3BatchJob.FromListEntry(entry)));
                    }

                    token = page.NextToken;
                }
                while (token is not null);
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, statuses is null ? null : string.Join(",", statuses));
            }
        }
    }
}
