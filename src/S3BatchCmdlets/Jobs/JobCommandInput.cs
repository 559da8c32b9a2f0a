using S3Batch.Model;

namespace S3Batch.Jobs
{
    /// <summary>
    /// The values the job cmdlets put in a request's URI (job id, priority, status update reason), as a
    /// shape, so that <see cref="ShapeValidator"/> checks them against the model before anything is sent.
    /// </summary>
    internal sealed class JobCommandInput : IShape
    {
        /// <summary>The job id (JobId: 5 to 36 characters of letters, digits, - and _).</summary>
        public string? JobId { get; set; }

        /// <summary>A priority (JobPriority: 0 to 2147483647).</summary>
        public int? Priority { get; set; }

        /// <summary>The reason for a status change (JobStatusUpdateReason: 1 to 256 characters).</summary>
        public string? StatusUpdateReason { get; set; }

        void IShape.Visit(IShapeVisitor v)
        {
            JobId = v.String(nameof(JobId), JobId, Shapes.JobId, required: true);
            Priority = v.Integer(nameof(Priority), Priority, Shapes.JobPriority);
            StatusUpdateReason = v.String(nameof(StatusUpdateReason), StatusUpdateReason, Shapes.JobStatusUpdateReason);
        }

        /// <summary>Throws <see cref="S3BatchValidationException"/> naming the cmdlet's parameters when a value breaks the model.</summary>
        public static void ThrowIfInvalid(string jobId, int? priority = null, string? reason = null) =>
            ShapeValidator.ThrowIfInvalid(
                new JobCommandInput { JobId = jobId, Priority = priority, StatusUpdateReason = reason },
                "Request",
                member => member switch
                {
                    nameof(JobId) => "JobId",
                    nameof(Priority) => "Priority",
                    nameof(StatusUpdateReason) => "Reason",
                    _ => null,
                });
    }
}
