using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchReport: where the completion report goes, or -Disabled for none.</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchReport", DefaultParameterSetName = EnabledSet)]
    [OutputType(typeof(JobReport))]
    public sealed class NewS3BatchReportCommand : S3BatchCmdlet
    {
        private const string EnabledSet = "Enabled";
        private const string DisabledSet = "Disabled";
        private static readonly Dictionary<string, string> Names = new() { ["ReportScope"] = nameof(Scope) };

        /// <summary>The report bucket: a name or an ARN.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EnabledSet)]
        [ValidateNotNullOrEmpty]
        public string Bucket { get; set; } = null!;

        /// <summary>The key prefix of the report.</summary>
        [Parameter(ParameterSetName = EnabledSet)]
        public string? Prefix { get; set; }

        /// <summary>AllTasks (the default) or FailedTasksOnly.</summary>
        [Parameter(ParameterSetName = EnabledSet)]
        [ValidateSet("AllTasks", "FailedTasksOnly")]
        public string Scope { get; set; } = "AllTasks";

        /// <summary>The account expected to own the report bucket.</summary>
        [Parameter(ParameterSetName = EnabledSet)]
        public string? ExpectedBucketOwner { get; set; }

        /// <summary>No completion report.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DisabledSet)]
        public SwitchParameter Disabled { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var report = ParameterSetName == DisabledSet
                ? new JobReport { Enabled = false }
                : Create(Bucket, Prefix, Scope, ExpectedBucketOwner, GuessPartition());
            try
            {
                ShapeValidator.ThrowIfInvalid(report, "Report", m => Names.TryGetValue(m, out var p) ? p : MyInvocation.MyCommand.Parameters.ContainsKey(m) ? m : null);
            }
            catch (S3BatchValidationException error)
            {
                ThrowFailure(error, Bucket);
            }

            WriteObject(report);
        }

        /// <summary>An enabled report, always in Report_CSV_20180820.</summary>
        internal static JobReport Create(string bucket, string? prefix, string? scope, string? expectedOwner, string partition) => new()
        {
            Bucket = Arns.IsArn(bucket) ? bucket : Arns.Bucket(partition, bucket),
            BucketFromName = !Arns.IsArn(bucket),
            Format = "Report_CSV_20180820",
            Enabled = true,
            Prefix = prefix,
            ReportScope = scope ?? "AllTasks",
            ExpectedBucketOwner = expectedOwner,
        };
    }
}
