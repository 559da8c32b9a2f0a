using System;
using System.Management.Automation;
using S3Batch.Aws;
using S3Batch.Manifests;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Get-S3BatchJobReport: reads a finished job's completion report from S3 (DescribeJob for where
    /// it is, then <c>&lt;prefix&gt;/job-&lt;id&gt;/manifest.json</c> and the result files it lists) and
    /// outputs one object per task as it is read, or with -Summary the counts by status and error code.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "S3BatchJobReport", DefaultParameterSetName = TasksSet)]
    [OutputType(typeof(TaskResult), ParameterSetName = new[] { TasksSet })]
    [OutputType(typeof(ReportSummaryEntry), ParameterSetName = new[] { SummarySet })]
    public sealed class GetS3BatchJobReportCommand : S3BatchJobCmdlet
    {
        private const string TasksSet = "Tasks";
        private const string SummarySet = "Summary";

        /// <summary>The job id; job objects bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string JobId { get; set; } = null!;

        /// <summary>Reads only the result files of failed tasks.</summary>
        [Parameter]
        public SwitchParameter FailedOnly { get; set; }

        /// <summary>Outputs the counts of tasks by status and error code instead of the tasks.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

        private string? _s3EndpointUrl;

        /// <summary>A custom S3 endpoint for reading the report (binds from a piped job object; empty there means AWS's own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? S3EndpointUrl
        {
            get => _s3EndpointUrl;
            set => _s3EndpointUrl = string.IsNullOrEmpty(value) ? null : value;
        }

        /// <inheritdoc/>
        internal override string? S3EndpointUrlValue => S3EndpointUrl;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ValidateInput(JobId);
                var context = Connect();
                var job = Describe(context, JobId);
                var (bucket, key) = CompletionReport.Locate(job);
                var report = new CompletionReport(new S3ReportObjectSource(S3ClientFactory.Create(context.Caller)))
                {
                    Log = WriteVerbose,
                    Warn = WriteWarning,
                };
                var manifest = report.ReadManifest(bucket, key, job, CancelToken);
                WriteVerbose($"Job {JobId} ({job.Status}): report of {manifest.ReportCreationDateText ?? "unknown date"}, {manifest.Results.Count} result file(s).");

                // Keys of a job whose manifest was an S3 Inventory report write a space as '+'.
                var plusAsSpace = job.Manifest?.Spec?.Format?.StartsWith("S3InventoryReport", StringComparison.Ordinal) == true;
                var results = report.ReadResults(manifest, FailedOnly, plusAsSpace, CancelToken);
                if (Summary)
                {
                    var summary = ReportSummary.From(results);
                    foreach (var entry in summary.ByStatusAndErrorCode)
                    {
                        var output = PSObject.AsPSObject(entry);
                        output.Properties.Add(new PSNoteProperty("JobId", JobId));
                        WriteObject(output);
                    }
                }
                else
                {
                    foreach (var result in results)
                    {
                        WriteObject(result);
                    }
                }
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, JobId);
            }
        }
    }
}
