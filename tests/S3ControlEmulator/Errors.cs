namespace S3ControlEmulator;

/// <summary>An error the emulator answers with, in the service's ErrorResponse format.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(string code, string message)
        : base(message)
    {
        Code = code;
        StatusCode = ErrorCatalog.StatusOf(code);
    }

    public string Code { get; }

    public int StatusCode { get; }
}

/// <summary>
/// The one place that maps an error code to the HTTP status it travels with.
/// </summary>
/// <remarks>
/// Sources:
/// <list type="bullet">
/// <item>S3 Control's own error shapes come from the service model (botocore
/// s3control/2018-08-20/service-2.json, our copy in model/). None of them carries an
/// <c>error.httpStatusCode</c>, so the protocol default applies: a client error is 400 and
/// a shape marked <c>"fault": true</c> (InternalServiceException) is 500. (The S3 API
/// Reference pages for the job operations, e.g. API_control_CreateJob.html, section
/// "Errors", are generated from the same model; their per-error status lines could not be
/// checked offline when this was written, so this table follows the model's defaults.
/// SDKs classify TooManyRequestsException as throttling by its code, not its status.)</item>
/// <item>S3's generic codes come from the S3 API Reference, "Error responses"
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList):
/// AccessDenied 403, SignatureDoesNotMatch 403, RequestTimeTooSkewed 403,
/// InvalidAccessKeyId 403, SlowDown 503, InternalError 500, MalformedXML 400,
/// InvalidRequest 400, InvalidArgument 400, ExpiredToken 400, InvalidToken 400,
/// AuthorizationHeaderMalformed 400, XAmzContentSHA256Mismatch 400, MissingSecurityHeader 400,
/// MethodNotAllowed 405, NotImplemented 501.</item>
/// </list>
/// </remarks>
internal static class ErrorCatalog
{
    public static int StatusOf(string code) => code switch
    {
        // S3 Control model shapes (client errors: 400; fault: 500).
        "BadRequestException" => 400,
        "IdempotencyException" => 400,
        "InvalidNextTokenException" => 400,
        "InvalidRequestException" => 400,
        "JobStatusException" => 400,
        "NotFoundException" => 400,
        "TooManyRequestsException" => 400,
        "TooManyTagsException" => 400,
        "InternalServiceException" => 500,

        // S3 generic codes.
        "AccessDenied" => 403,
        "SignatureDoesNotMatch" => 403,
        "RequestTimeTooSkewed" => 403,
        "InvalidAccessKeyId" => 403,
        "SlowDown" => 503,
        "InternalError" => 500,
        "MalformedXML" => 400,
        "InvalidRequest" => 400,
        "InvalidArgument" => 400,
        "ExpiredToken" => 400,
        "InvalidToken" => 400,
        "AuthorizationHeaderMalformed" => 400,
        "XAmzContentSHA256Mismatch" => 400,
        "MissingSecurityHeader" => 400,
        "MethodNotAllowed" => 405,
        "NotImplemented" => 501,

        // STS (query protocol) codes used by GetCallerIdentity.
        "InvalidAction" => 400,
        "InvalidClientTokenId" => 403,

        // Control API (/_emulator/) only.
        "NotFound" => 404,

        _ => 400,
    };
}
