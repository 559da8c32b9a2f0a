using System;
using System.Collections.Generic;

namespace S3Batch.Model
{
    /// <summary>The body members of CreateJobRequest, in the model's order (AccountId travels as a header).</summary>
    internal sealed class CreateJobRequest : IShape
    {
        public bool? ConfirmationRequired { get; set; }
        public JobOperation? Operation { get; set; }
        public JobReport? Report { get; set; }
        public string? ClientRequestToken { get; set; }
        public JobManifest? Manifest { get; set; }
        public string? Description { get; set; }
        public int? Priority { get; set; }
        public string? RoleArn { get; set; }
        public List<S3Tag>? Tags { get; set; }
        public JobManifestGenerator? ManifestGenerator { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            ConfirmationRequired = v.Boolean(nameof(ConfirmationRequired), ConfirmationRequired);
            Operation = v.Structure(nameof(Operation), Operation, required: true);
            Report = v.Structure(nameof(Report), Report, required: true);
            ClientRequestToken = v.String(nameof(ClientRequestToken), ClientRequestToken, Shapes.NonEmptyMaxLength64String, required: true);
            Manifest = v.Structure(nameof(Manifest), Manifest);
            Description = v.String(nameof(Description), Description, Shapes.NonEmptyMaxLength256String);
            Priority = v.Integer(nameof(Priority), Priority, Shapes.JobPriority, required: true);
            RoleArn = v.String(nameof(RoleArn), RoleArn, Shapes.IAMRoleArn, required: true);
            Tags = v.StructureList(nameof(Tags), Tags, Shapes.S3TagSet);
            ManifestGenerator = v.Structure(nameof(ManifestGenerator), ManifestGenerator);
        }
    }

    /// <summary>The body of PutJobTaggingRequest.</summary>
    internal sealed class PutJobTaggingRequest : IShape
    {
        public List<S3Tag>? Tags { get; set; }

        void IShape.Visit(IShapeVisitor v) => Tags = v.StructureList(nameof(Tags), Tags, Shapes.S3TagSet, required: true);
    }

    /// <summary>CreateJobResult.</summary>
    internal sealed class CreateJobResult : IShape
    {
        public string? JobId { get; set; }

        void IShape.Visit(IShapeVisitor v) => JobId = v.String(nameof(JobId), JobId, Shapes.JobId);
    }

    /// <summary>DescribeJobResult.</summary>
    internal sealed class DescribeJobResult : IShape
    {
        public S3BatchJob? Job { get; set; }

        void IShape.Visit(IShapeVisitor v) => Job = v.Structure(nameof(Job), Job);
    }

    /// <summary>ListJobsResult.</summary>
    internal sealed class ListJobsResult : IShape
    {
        public string? NextToken { get; set; }
        public List<JobListDescriptor>? Jobs { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            NextToken = v.String(nameof(NextToken), NextToken, Shapes.StringForNextToken);
            Jobs = v.StructureList(nameof(Jobs), Jobs, Shapes.JobListDescriptorList);
        }
    }

    /// <summary>UpdateJobPriorityResult.</summary>
    internal sealed class UpdateJobPriorityResult : IShape
    {
        public string? JobId { get; set; }
        public int? Priority { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            JobId = v.String(nameof(JobId), JobId, Shapes.JobId, required: true);
            Priority = v.Integer(nameof(Priority), Priority, Shapes.JobPriority, required: true);
        }
    }

    /// <summary>UpdateJobStatusResult.</summary>
    internal sealed class UpdateJobStatusResult : IShape
    {
        public string? JobId { get; set; }
        public string? Status { get; set; }
        public string? StatusUpdateReason { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            JobId = v.String(nameof(JobId), JobId, Shapes.JobId);
            Status = v.String(nameof(Status), Status, Shapes.JobStatus);
            StatusUpdateReason = v.String(nameof(StatusUpdateReason), StatusUpdateReason, Shapes.JobStatusUpdateReason);
        }
    }

    /// <summary>GetJobTaggingResult.</summary>
    internal sealed class GetJobTaggingResult : IShape
    {
        public List<S3Tag>? Tags { get; set; }

        void IShape.Visit(IShapeVisitor v) => Tags = v.StructureList(nameof(Tags), Tags, Shapes.S3TagSet);
    }

    /// <summary>JobListDescriptor: one job in a ListJobs page.</summary>
    internal sealed class JobListDescriptor : IShape
    {
        public string? JobId { get; set; }
        public string? Description { get; set; }
        public string? Operation { get; set; }
        public int? Priority { get; set; }
        public string? Status { get; set; }
        public DateTime? CreationTime { get; set; }
        public DateTime? TerminationDate { get; set; }
        public JobProgressSummary? ProgressSummary { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            JobId = v.String(nameof(JobId), JobId, Shapes.JobId);
            Description = v.String(nameof(Description), Description, Shapes.NonEmptyMaxLength256String);
            Operation = v.String(nameof(Operation), Operation, Shapes.OperationName);
            Priority = v.Integer(nameof(Priority), Priority, Shapes.JobPriority);
            Status = v.String(nameof(Status), Status, Shapes.JobStatus);
            CreationTime = v.Timestamp(nameof(CreationTime), CreationTime);
            TerminationDate = v.Timestamp(nameof(TerminationDate), TerminationDate);
            ProgressSummary = v.Structure(nameof(ProgressSummary), ProgressSummary);
        }
    }

    /// <summary>JobProgressSummary.</summary>
    public sealed class JobProgressSummary : IShape
    {
        /// <summary>All tasks.</summary>
        public long? TotalNumberOfTasks { get; set; }
        /// <summary>Tasks that succeeded.</summary>
        public long? NumberOfTasksSucceeded { get; set; }
        /// <summary>Tasks that failed.</summary>
        public long? NumberOfTasksFailed { get; set; }
        /// <summary>Timers.</summary>
        public JobTimers? Timers { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{NumberOfTasksSucceeded ?? 0} succeeded, {NumberOfTasksFailed ?? 0} failed of {TotalNumberOfTasks ?? 0}";

        void IShape.Visit(IShapeVisitor v)
        {
            TotalNumberOfTasks = v.Long(nameof(TotalNumberOfTasks), TotalNumberOfTasks, Shapes.NonNegativeLong);
            NumberOfTasksSucceeded = v.Long(nameof(NumberOfTasksSucceeded), NumberOfTasksSucceeded, Shapes.NonNegativeLong);
            NumberOfTasksFailed = v.Long(nameof(NumberOfTasksFailed), NumberOfTasksFailed, Shapes.NonNegativeLong);
            Timers = v.Structure(nameof(Timers), Timers);
        }
    }

    /// <summary>JobTimers.</summary>
    public sealed class JobTimers : IShape
    {
        /// <summary>Seconds spent Active.</summary>
        public long? ElapsedTimeInActiveSeconds { get; set; }

        void IShape.Visit(IShapeVisitor v) =>
            ElapsedTimeInActiveSeconds = v.Long(nameof(ElapsedTimeInActiveSeconds), ElapsedTimeInActiveSeconds, Shapes.NonNegativeLong);
    }

    /// <summary>JobFailure.</summary>
    public sealed class JobFailure : IShape
    {
        /// <summary>The code.</summary>
        public string? FailureCode { get; set; }
        /// <summary>The reason.</summary>
        public string? FailureReason { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{FailureCode}: {FailureReason}";

        void IShape.Visit(IShapeVisitor v)
        {
            FailureCode = v.String(nameof(FailureCode), FailureCode, Shapes.JobFailureCode);
            FailureReason = v.String(nameof(FailureReason), FailureReason, Shapes.JobFailureReason);
        }
    }

    /// <summary>
    /// An S3 Batch Operations job: the JobDescriptor the service returns (ListJobs fills part of it),
    /// plus where it lives (account, region, endpoints, profile) so that piping it to another cmdlet
    /// needs no repeated parameters. It never holds credentials.
    /// </summary>
    public sealed class S3BatchJob : IShape
    {
        /// <summary>The job id.</summary>
        public string? JobId { get; set; }
        /// <summary>Whether the job waits for confirmation.</summary>
        public bool? ConfirmationRequired { get; set; }
        /// <summary>Description.</summary>
        public string? Description { get; set; }
        /// <summary>The job's ARN.</summary>
        public string? JobArn { get; set; }
        /// <summary>One of the thirteen job statuses.</summary>
        public string? Status { get; set; }
        /// <summary>The manifest.</summary>
        public JobManifest? Manifest { get; set; }
        /// <summary>The operation (DescribeJob).</summary>
        public JobOperation? Operation { get; set; }
        /// <summary>Priority.</summary>
        public int? Priority { get; set; }
        /// <summary>Progress.</summary>
        public JobProgressSummary? ProgressSummary { get; set; }
        /// <summary>Why the status last changed.</summary>
        public string? StatusUpdateReason { get; set; }
        /// <summary>Why the job failed.</summary>
        public List<JobFailure>? FailureReasons { get; set; }
        /// <summary>The completion report's settings.</summary>
        public JobReport? Report { get; set; }
        /// <summary>When the job was created (UTC).</summary>
        public DateTime? CreationTime { get; set; }
        /// <summary>When the job ended (UTC).</summary>
        public DateTime? TerminationDate { get; set; }
        /// <summary>The IAM role.</summary>
        public string? RoleArn { get; set; }
        /// <summary>When the job was suspended (UTC).</summary>
        public DateTime? SuspendedDate { get; set; }
        /// <summary>Why the job was suspended.</summary>
        public string? SuspendedCause { get; set; }
        /// <summary>The manifest generator.</summary>
        public JobManifestGenerator? ManifestGenerator { get; set; }
        /// <summary>The generated manifest.</summary>
        public S3GeneratedManifestDescriptor? GeneratedManifestDescriptor { get; set; }

        /// <summary>The operation's name (from ListJobs, or from <see cref="Operation"/>).</summary>
        public string? OperationName { get; set; }
        /// <summary>The account that owns the job.</summary>
        public string? AccountId { get; set; }
        /// <summary>The job's region.</summary>
        public string? Region { get; set; }
        /// <summary>The S3 Control endpoint given by the user, if any.</summary>
        public string? EndpointUrl { get; set; }
        /// <summary>The S3 endpoint given by the user, if any.</summary>
        public string? S3EndpointUrl { get; set; }
        /// <summary>The credential profile used, if any.</summary>
        public string? ProfileName { get; set; }
        /// <summary>The idempotency token the job was created with (New-S3BatchJob only).</summary>
        public string? ClientRequestToken { get; set; }

        /// <summary>Finished tasks as a percentage of all tasks, or null before the total is known.</summary>
        public double? PercentComplete
        {
            get
            {
                var total = ProgressSummary?.TotalNumberOfTasks;
                if (total is null || total == 0)
                {
                    return Status == "Complete" ? 100 : null;
                }

                var done = (ProgressSummary!.NumberOfTasksSucceeded ?? 0) + (ProgressSummary.NumberOfTasksFailed ?? 0);
                return Math.Round(100.0 * done / total.Value, 1);
            }
        }

        /// <inheritdoc/>
        public override string ToString() => JobId ?? "(job)";

        void IShape.Visit(IShapeVisitor v)
        {
            JobId = v.String(nameof(JobId), JobId, Shapes.JobId);
            ConfirmationRequired = v.Boolean(nameof(ConfirmationRequired), ConfirmationRequired);
            Description = v.String(nameof(Description), Description, Shapes.NonEmptyMaxLength256String);
            JobArn = v.String(nameof(JobArn), JobArn, Shapes.JobArn);
            Status = v.String(nameof(Status), Status, Shapes.JobStatus);
            Manifest = v.Structure(nameof(Manifest), Manifest);
            Operation = v.Structure(nameof(Operation), Operation);
            Priority = v.Integer(nameof(Priority), Priority, Shapes.JobPriority);
            ProgressSummary = v.Structure(nameof(ProgressSummary), ProgressSummary);
            StatusUpdateReason = v.String(nameof(StatusUpdateReason), StatusUpdateReason, Shapes.JobStatusUpdateReason);
            FailureReasons = v.StructureList(nameof(FailureReasons), FailureReasons, Shapes.JobFailureList);
            Report = v.Structure(nameof(Report), Report);
            CreationTime = v.Timestamp(nameof(CreationTime), CreationTime);
            TerminationDate = v.Timestamp(nameof(TerminationDate), TerminationDate);
            RoleArn = v.String(nameof(RoleArn), RoleArn, Shapes.IAMRoleArn);
            SuspendedDate = v.Timestamp(nameof(SuspendedDate), SuspendedDate);
            SuspendedCause = v.String(nameof(SuspendedCause), SuspendedCause, Shapes.SuspendedCause);
            ManifestGenerator = v.Structure(nameof(ManifestGenerator), ManifestGenerator);
            GeneratedManifestDescriptor = v.Structure(nameof(GeneratedManifestDescriptor), GeneratedManifestDescriptor);
            OperationName ??= Operation?.Name;
        }

        /// <summary>Makes a job object from a ListJobs entry.</summary>
        internal static S3BatchJob FromListEntry(JobListDescriptor d) => new()
        {
            JobId = d.JobId,
            Description = d.Description,
            OperationName = d.Operation,
            Priority = d.Priority,
            Status = d.Status,
            CreationTime = d.CreationTime,
            TerminationDate = d.TerminationDate,
            ProgressSummary = d.ProgressSummary,
        };
    }
}
