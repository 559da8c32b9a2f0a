using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using S3Batch.Protocol.Xml;

namespace S3Batch.Protocol
{
    /// <summary>The service answered with an error: AWS's code, message and request id.</summary>
    public sealed class S3BatchServiceException : Exception
    {
        internal S3BatchServiceException(string operation, int statusCode, string code, string message, string? requestId)
            : base($"{operation} failed: {code}: {message}{(requestId is null ? string.Empty : $" (request id {requestId})")}")
        {
            Operation = operation;
            StatusCode = statusCode;
            ErrorCode = code;
            ServiceMessage = message;
            RequestId = requestId;
        }

        /// <summary>The S3 Control operation.</summary>
        public string Operation { get; }

        /// <summary>The HTTP status.</summary>
        public int StatusCode { get; }

        /// <summary>AWS's error code, for example JobStatusException.</summary>
        public string ErrorCode { get; }

        /// <summary>AWS's message.</summary>
        public string ServiceMessage { get; }

        /// <summary>The request id, for AWS support.</summary>
        public string? RequestId { get; }

        /// <summary>The service's clock (its Date header), used to correct clock skew.</summary>
        public DateTime? ServerDate { get; internal set; }

        /// <summary>True for the model's client errors and S3's 4xx codes.</summary>
        public bool IsClientError => StatusCode >= 400 && StatusCode < 500;

        /// <summary>Attempts made before this error ended the call (1 when it was not retried).</summary>
        public int Attempts { get; private set; } = 1;

        /// <summary>For CreateJob: the ClientRequestToken that was sent (the one to re-run with).</summary>
        public string? ClientRequestToken { get; private set; }

        /// <inheritdoc/>
        public override string Message => base.Message + (_note ?? string.Empty);

        private string? _note;

        /// <summary>Adds what the retries learned to the message: the attempts, and whether anything was done.</summary>
        internal void Annotate(string note, string? clientRequestToken, int attempts)
        {
            _note = note;
            ClientRequestToken = clientRequestToken;
            Attempts = attempts;
        }
    }

    /// <summary>
    /// A request that got no usable answer on its last attempt (connection reset, timeout, a cut-off
    /// body): the service may or may not have acted on it.
    /// </summary>
    public sealed class S3BatchOutcomeUnknownException : Exception
    {
        internal S3BatchOutcomeUnknownException(string message, string operation, string? clientRequestToken, Exception inner)
            : base(message, inner)
        {
            Operation = operation;
            ClientRequestToken = clientRequestToken;
        }

        /// <summary>The S3 Control operation.</summary>
        public string Operation { get; }

        /// <summary>For CreateJob: the token to re-run with, so that no second job is made.</summary>
        public string? ClientRequestToken { get; }
    }

    /// <summary>
    /// AWS's error codes for the job operations and the HTTP status each carries.
    /// The model's error shapes come from botocore's s3control service-2.json
    /// (its "error" traits give httpStatusCode where the model states one); S3's generic codes from
    /// the Amazon S3 API reference, "Error responses" (List of error codes).
    /// </summary>
    internal static class S3ControlErrors
    {
        /// <summary>Codes AWS SDKs treat as throttling (standard retry mode), whatever their HTTP status.</summary>
        public static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
        {
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        };

        /// <summary>Codes AWS SDKs treat as transient (standard retry mode).</summary>
        public static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
        {
            "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalServiceException", "ServiceUnavailable",
        };

        /// <summary>HTTP statuses that are retried whatever the code.</summary>
        public static readonly HashSet<int> TransientStatuses = new() { 500, 502, 503, 504 };

        /// <summary>
        /// True when the error means the request was refused before anything was done: a 4xx, or
        /// throttling (SlowDown is a 503). A 5xx other than throttling says the service failed, not
        /// whether it acted first.
        /// </summary>
        public static bool IsRefusal(S3BatchServiceException error) =>
            error.IsClientError || ThrottlingCodes.Contains(error.ErrorCode);

        /// <summary>
        /// Reads AWS's error body: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;,
        /// or S3's &lt;Error&gt; root. A body that is not XML still gives an error with the HTTP status.
        /// </summary>
        public static S3BatchServiceException Read(string operation, HttpStatusCode status, byte[] body, string? requestIdHeader)
        {
            string? code = null, message = null, requestId = null, unreadable = null;
            if (body.Length > 0)
            {
                try
                {
                    using var stream = new MemoryStream(body);
                    var root = XmlShapeReader.Parse(stream);
                    var error = root.Name.LocalName == "Error" ? root : root.Elements().FirstOrDefault(e => e.Name.LocalName == "Error");
                    code = Child(error, "Code");
                    message = Child(error, "Message");
                    requestId = Child(root, "RequestId") ?? Child(error, "RequestId");
                }
                catch (XmlException e)
                {
                    // Not XML (a proxy's page, a cut-off body) or a DTD (refused, never expanded): fall back to the status below.
                    unreadable = XmlShapeReader.IsDtdRefusal(e) ? " (its body holds a DTD, which is refused)" : " (its body is not XML)";
                }
            }

            var numeric = (int)status;
            code ??= numeric >= 500 ? "InternalError" : $"Http{numeric}";
            message ??= $"The service answered HTTP {numeric} {status} without an error document{unreadable}.";
            return new S3BatchServiceException(operation, numeric, code, message, requestId ?? requestIdHeader);
        }

        private static string? Child(XElement? parent, string name) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
    }
}
