using System;

namespace S3Batch.Protocol.Endpoints
{
    /// <summary>
    /// The S3 Control endpoint cannot be formed from the given region, FIPS and dual-stack
    /// choices, custom endpoint URL and account id. <see cref="ErrorId"/> says which rule
    /// refused it (one of <see cref="EndpointErrorIds"/>); the message says what to change.
    /// </summary>
    public sealed class S3BatchEndpointException : Exception, IStableError
    {
        /// <summary>Creates the exception with a generic message.</summary>
        public S3BatchEndpointException()
            : this(EndpointErrorIds.EndpointInvalid, "The S3 Control endpoint could not be resolved.")
        {
        }

        /// <summary>Creates the exception with a message.</summary>
        /// <param name="message">What went wrong and what to change.</param>
        public S3BatchEndpointException(string message)
            : this(EndpointErrorIds.EndpointInvalid, message)
        {
        }

        /// <summary>Creates the exception with a message and the exception that caused it.</summary>
        /// <param name="message">What went wrong and what to change.</param>
        /// <param name="innerException">The cause.</param>
        public S3BatchEndpointException(string message, Exception innerException)
            : base(message, innerException)
        {
            ErrorId = EndpointErrorIds.EndpointInvalid;
        }

        /// <summary>Creates the exception with a stable error id and a message.</summary>
        /// <param name="errorId">One of <see cref="EndpointErrorIds"/>.</param>
        /// <param name="message">What went wrong and what to change.</param>
        public S3BatchEndpointException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId ?? EndpointErrorIds.EndpointInvalid;
        }

        /// <summary>Creates the exception with a stable error id, a message and the exception that caused it.</summary>
        /// <param name="errorId">One of <see cref="EndpointErrorIds"/>.</param>
        /// <param name="message">What went wrong and what to change.</param>
        /// <param name="innerException">The cause.</param>
        public S3BatchEndpointException(string errorId, string message, Exception innerException)
            : base(message, innerException)
        {
            ErrorId = errorId ?? EndpointErrorIds.EndpointInvalid;
        }

        /// <summary>A stable id for the refusal, for ErrorRecords and tests (for example <c>EndpointFipsNotSupported</c>).</summary>
        public string ErrorId { get; }

        FailureKind IStableError.Kind => FailureKind.InvalidArgument;
    }

    /// <summary>The stable error ids of <see cref="S3BatchEndpointException"/>.</summary>
    public static class EndpointErrorIds
    {
        /// <summary>No region was given (rule set: "Region must be set").</summary>
        public const string EndpointRegionMissing = "EndpointRegionMissing";

        /// <summary>The region is not a DNS name (rule set: "Invalid region: region was not a valid DNS name.").</summary>
        public const string EndpointInvalidRegion = "EndpointInvalidRegion";

        /// <summary>FIPS was asked for where the rule set has none (aws-cn; S3 on Snow).</summary>
        public const string EndpointFipsNotSupported = "EndpointFipsNotSupported";

        /// <summary>Dual-stack was asked for with a custom endpoint (or S3 on Snow).</summary>
        public const string EndpointDualStackWithCustomEndpoint = "EndpointDualStackWithCustomEndpoint";

        /// <summary>No account id was given (rule set: "AccountId is required but not set").</summary>
        public const string EndpointAccountIdMissing = "EndpointAccountIdMissing";

        /// <summary>The account id is not 12 digits (the model's pattern; the rule set asks for a host label).</summary>
        public const string EndpointInvalidAccountId = "EndpointInvalidAccountId";

        /// <summary>The custom endpoint is not an absolute http or https URL without query, fragment or user info.</summary>
        public const string EndpointInvalidUrl = "EndpointInvalidUrl";

        /// <summary>Any other failure to resolve the endpoint.</summary>
        public const string EndpointInvalid = "EndpointInvalid";
    }
}
