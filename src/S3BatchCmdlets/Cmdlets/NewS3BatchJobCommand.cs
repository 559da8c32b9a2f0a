using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using S3Batch.Model;
using S3Batch.Protocol;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchJob: creates one S3 Batch Operations job for every operation that comes down the pipeline.</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ManifestReportBucket)]
    [OutputType(typeof(S3BatchJob))]
    public sealed class NewS3BatchJobCommand : S3ControlCmdlet
    {
        private const string ManifestReport = "Manifest_Report";
        private const string ManifestReportBucket = "Manifest_ReportBucket";
        private const string ManifestNoReport = "Manifest_NoReport";
        private const string GeneratorReport = "Generator_Report";
        private const string GeneratorReportBucket = "Generator_ReportBucket";
        private const string GeneratorNoReport = "Generator_NoReport";

        private static readonly Dictionary<string, string> Names = new()
        {
            ["Tags"] = nameof(Tag),
            ["ReportScope"] = nameof(ReportScope),
            ["Prefix"] = nameof(ReportPrefix),
        };

        private readonly List<JobOperation> _held = new();

        /// <summary>The operation, from an operation builder such as New-S3BatchCopyOperation.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public JobOperation Operation { get; set; } = null!;

        /// <summary>The manifest, from New-S3BatchManifest or Export-S3BatchManifest.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManifestReport)]
        [Parameter(Mandatory = true, ParameterSetName = ManifestReportBucket)]
        [Parameter(Mandatory = true, ParameterSetName = ManifestNoReport)]
        [ValidateNotNull]
        public JobManifest Manifest { get; set; } = null!;

        /// <summary>A manifest generator, from New-S3BatchManifestGenerator.</summary>
        [Parameter(Mandatory = true, ParameterSetName = GeneratorReport)]
        [Parameter(Mandatory = true, ParameterSetName = GeneratorReportBucket)]
        [Parameter(Mandatory = true, ParameterSetName = GeneratorNoReport)]
        [ValidateNotNull]
        public JobManifestGenerator ManifestGenerator { get; set; } = null!;

        /// <summary>The completion report, from New-S3BatchReport.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManifestReport)]
        [Parameter(Mandatory = true, ParameterSetName = GeneratorReport)]
        [ValidateNotNull]
        public JobReport Report { get; set; } = null!;

        /// <summary>The completion report's bucket (name or ARN).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManifestReportBucket)]
        [Parameter(Mandatory = true, ParameterSetName = GeneratorReportBucket)]
        [ValidateNotNullOrEmpty]
        public string ReportBucket { get; set; } = null!;

        /// <summary>The completion report's key prefix.</summary>
        [Parameter(ParameterSetName = ManifestReportBucket)]
        [Parameter(ParameterSetName = GeneratorReportBucket)]
        public string? ReportPrefix { get; set; }

        /// <summary>AllTasks (the default) or FailedTasksOnly.</summary>
        [Parameter(ParameterSetName = ManifestReportBucket)]
        [Parameter(ParameterSetName = GeneratorReportBucket)]
        [ValidateSet("AllTasks", "FailedTasksOnly")]
        public string? ReportScope { get; set; }

        /// <summary>No completion report.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManifestNoReport)]
        [Parameter(Mandatory = true, ParameterSetName = GeneratorNoReport)]
        public SwitchParameter NoReport { get; set; }

        /// <summary>The IAM role the job runs as: an ARN, or a role name (with or without a path) in the job's account.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string RoleArn { get; set; } = null!;

        /// <summary>The job's priority (0 to 2147483647; higher runs first). Defaults to 10.</summary>
        [Parameter]
        public int Priority { get; set; } = 10;

        /// <summary>A description (1 to 256 characters).</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>Job tags (at most 50).</summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary>The job waits in Suspended until Start-S3BatchJob confirms it.</summary>
        [Parameter]
        public SwitchParameter ConfirmationRequired { get; set; }

        /// <summary>The idempotency token; generated when not given. Re-run with the same token to get the same job.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientRequestToken { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ClientRequestToken is null)
            {
                Create(Operation, Guid.NewGuid().ToString());
            }
            else
            {
                // One token names one job: hold the operations until all have arrived, and send none if there are several.
                _held.Add(Operation);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_held.Count > 1)
            {
                ThrowTerminatingError(NewError("TokenWithSeveralOperations", ErrorCategory.InvalidArgument, ClientRequestToken,
                    $"-ClientRequestToken names one job, but {_held.Count} operations came down the pipeline. Nothing was sent.",
                    "Remove -ClientRequestToken (a token is generated for each job), or send one operation."));
            }

            if (_held.Count == 1)
            {
                Create(_held[0], ClientRequestToken!);
            }
        }

        private void Create(JobOperation operation, string token)
        {
            try
            {
                var context = Connect();
                var request = BuildRequest(operation, token, context);
                ShapeValidator.ThrowIfInvalid(request, "CreateJobRequest", m => Names.TryGetValue(m, out var p) ? p : MyInvocation.MyCommand.Parameters.ContainsKey(m) ? m : null);
                var target = $"{operation.Name} job on {(object?)request.Manifest ?? request.ManifestGenerator} as {request.RoleArn}";
                var whatIf = ShowsRequestText
                    ? $"Create S3 Batch Operations job: {target}. Request (unsigned):{Environment.NewLine}{S3ControlClient.BuildCreateJob(request).Describe(context.Endpoint, context.AccountId)}"
                    : $"Create S3 Batch Operations job: {target}.";
                if (!ShouldProcess(whatIf, $"Create an S3 Batch Operations {target}?", "New-S3BatchJob"))
                {
                    return;
                }

                var jobId = Run(cancel => context.Client.CreateJobAsync(request, cancel));
                WriteObject(context.Stamp(new S3BatchJob
                {
                    JobId = jobId,
                    Status = "New",
                    Description = request.Description,
                    Priority = request.Priority,
                    Operation = request.Operation,
                    OperationName = operation.Name,
                    Manifest = request.Manifest,
                    ManifestGenerator = request.ManifestGenerator,
                    Report = request.Report,
                    RoleArn = request.RoleArn,
                    ConfirmationRequired = request.ConfirmationRequired,
                    ClientRequestToken = token,
                }));
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteFailure(error, operation);
            }
        }

        private CreateJobRequest BuildRequest(JobOperation operation, string token, JobContext context)
        {
            var partition = Arns.Partition(context.Caller.Region);
            if (operation.LambdaInvoke is { UserArguments: not null } lambda && lambda.InvocationSchemaVersion != "2.0")
            {
                throw S3BatchValidationException.Single("CreateJobRequest.Operation.LambdaInvoke.UserArguments", "UserArgumentsNeedSchema2",
                    "UserArguments need InvocationSchemaVersion 2.0. Build the operation with New-S3BatchLambdaOperation -UserArgument.", lambda.InvocationSchemaVersion);
            }

            if (operation.S3PutObjectCopy is { TargetResourceFromName: true } copy)
            {
                copy.TargetResource = Arns.WithPartition(copy.TargetResource!, partition);
            }

            var manifest = ParameterSetName.StartsWith("Manifest", StringComparison.Ordinal) ? Manifest : null;
            if (manifest?.Location is { ObjectArnFromName: true } location)
            {
                location.ObjectArn = Arns.WithPartition(location.ObjectArn!, partition);
            }

            var generator = manifest is null ? ManifestGenerator : null;
            if (generator?.S3JobManifestGenerator is { } g)
            {
                if (g.SourceBucketFromName)
                {
                    g.SourceBucket = Arns.WithPartition(g.SourceBucket!, partition);
                }

                if (g.ManifestOutputLocation is { BucketFromName: true } output)
                {
                    output.Bucket = Arns.WithPartition(output.Bucket!, partition);
                }
            }

            var report = ParameterSetName.EndsWith("_ReportBucket", StringComparison.Ordinal)
                ? NewS3BatchReportCommand.Create(ReportBucket, ReportPrefix, ReportScope, null, partition)
                : ParameterSetName.EndsWith("_NoReport", StringComparison.Ordinal) ? new JobReport { Enabled = false } : Report;
            if (report is { BucketFromName: true })
            {
                report.Bucket = Arns.WithPartition(report.Bucket!, partition);
            }

            return new CreateJobRequest
            {
                // Sent as false unless asked for: an absent value has left jobs waiting in Suspended (aws-sdk-go-v2 #1814, #1822).
                ConfirmationRequired = ConfirmationRequired.IsPresent,
                Operation = operation,
                Report = report,
                ClientRequestToken = token,
                Manifest = manifest,
                Description = Description,
                Priority = Priority,
                RoleArn = Arns.IsArn(RoleArn) ? RoleArn : Arns.Role(partition, context.AccountId, RoleArn),
                Tags = PSConvert.Tags(Tag),
                ManifestGenerator = generator,
            };
        }
    }
}
