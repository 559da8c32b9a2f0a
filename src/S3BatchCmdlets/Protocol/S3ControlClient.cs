using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Amazon.Runtime;
using S3Batch.Model;
using S3Batch.Protocol.Signing;
using S3Batch.Protocol.Xml;

namespace S3Batch.Protocol
{
    /// <summary>Where the client sends and how it signs; what it tells the user.</summary>
    internal sealed class S3ControlClientOptions
    {
        public S3ControlClientOptions(Uri endpoint, string accountId, string signingRegion, Func<CancellationToken, Task<ImmutableCredentials>> credentials)
        {
            Endpoint = endpoint;
            AccountId = accountId;
            SigningRegion = signingRegion;
            Credentials = credentials;
        }

        /// <summary>The resolved S3 Control endpoint, account host prefix included.</summary>
        public Uri Endpoint { get; }

        /// <summary>The x-amz-account-id header.</summary>
        public string AccountId { get; }

        /// <summary>The SigV4 region.</summary>
        public string SigningRegion { get; }

        /// <summary>Asked before every attempt, so that refreshing credentials refresh.</summary>
        public Func<CancellationToken, Task<ImmutableCredentials>> Credentials { get; }

        /// <summary>Retries.</summary>
        public RetryPolicy Retry { get; set; } = new RetryPolicy("standard", 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

        /// <summary>The time one attempt may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Receives progress lines (verbose) and request dumps (debug); never secrets.</summary>
        public IRequestLog? Log { get; set; }

        /// <summary>The largest answer read (16 MB; a ListJobs page of 1000 jobs is far smaller). A larger one is an error, not read.</summary>
        public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

        /// <summary>
        /// Sends and reads on the calling thread where .NET can (HttpClient.Send, .NET 5 and later), for
        /// callers that wait on one request at a time: the request's own work runs on that thread instead
        /// of in continuations on thread-pool threads that then wake the caller. Callers that keep several
        /// requests in flight at once (Wait-S3BatchJob) leave it off.
        /// </summary>
        public bool SendOnCallingThread { get; set; }

        /// <summary>The same options with another number of attempts (the same backoff unit, timeout, log and threading).</summary>
        public S3ControlClientOptions WithMaxAttempts(int attempts) => new(Endpoint, AccountId, SigningRegion, Credentials)
        {
            Retry = new RetryPolicy(Retry.Mode, attempts, Retry.BaseDelay, Retry.MaxBackoff),
            RequestTimeout = RequestTimeout,
            Log = Log,
            MaxResponseBytes = MaxResponseBytes,
            SendOnCallingThread = SendOnCallingThread,
        };
    }

    /// <summary>Where the client writes what it does. Called from any thread.</summary>
    internal interface IRequestLog
    {
        void Verbose(string message);

        void Debug(string message);
    }

    /// <summary>An S3 Control request before signing: enough to send it, or to show it with -WhatIf.</summary>
    internal sealed class S3ControlRequest
    {
        public S3ControlRequest(string operation, string method, string path, string query, byte[] body)
        {
            Operation = operation;
            Method = method;
            Path = path;
            Query = query;
            Body = body;
        }

        public string Operation { get; }
        public string Method { get; }
        public string Path { get; }
        public string Query { get; }
        public byte[] Body { get; }

        /// <summary>The full URI: the endpoint's scheme, authority and base path, then the operation's path and query.</summary>
        public Uri Uri(Uri endpoint) =>
            new(endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + Path + (Query.Length > 0 ? "?" + Query : string.Empty));

        /// <summary>The request as text, without any signature.</summary>
        public string Describe(Uri endpoint, string accountId)
        {
            var text = new StringBuilder();
            text.Append(Method).Append(' ').Append(Uri(endpoint).AbsoluteUri).AppendLine();
            text.Append("x-amz-account-id: ").AppendLine(accountId);
            if (Body.Length > 0)
            {
                text.AppendLine().AppendLine(Encoding.UTF8.GetString(Body));
            }

            return text.ToString();
        }
    }

    /// <summary>The eight job operations of S3 Control. One interface, so that a build on AWSSDK.S3Control could replace the client.</summary>
    internal interface IS3ControlClient
    {
        Task<string> CreateJobAsync(CreateJobRequest request, CancellationToken cancel);

        Task<S3BatchJob> DescribeJobAsync(string jobId, CancellationToken cancel);

        Task<ListJobsResult> ListJobsAsync(IReadOnlyList<string>? statuses, string? nextToken, int? maxResults, CancellationToken cancel);

        Task<UpdateJobPriorityResult> UpdateJobPriorityAsync(string jobId, int priority, CancellationToken cancel);

        Task<UpdateJobStatusResult> UpdateJobStatusAsync(string jobId, string requestedStatus, string? reason, CancellationToken cancel);

        Task<List<S3Tag>> GetJobTaggingAsync(string jobId, CancellationToken cancel);

        Task PutJobTaggingAsync(string jobId, List<S3Tag> tags, CancellationToken cancel);

        Task DeleteJobTaggingAsync(string jobId, CancellationToken cancel);
    }

    /// <summary>
    /// S3 Control over REST-XML, signed with SigV4 in S3's mode, with the AWS SDKs' retries.
    /// One HttpClient serves the whole process (safe across runspaces).
    /// </summary>
    internal sealed class S3ControlClient : IS3ControlClient
    {
        private const string JobsPath = "/v20180820/jobs";
        private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // HttpClient.Send (.NET 5 and later; this assembly is built for netstandard2.0, which lacks it). Null on .NET Framework.
        private static readonly Func<HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? SendBlocking = FindSendBlocking();

        private static Func<HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? FindSendBlocking()
        {
            var send = typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) });
            return send is null
                ? null
                : (Func<HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)send.CreateDelegate(
                    typeof(Func<HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), Http);
        }

        // Clock skew learned from the service's Date header, per endpoint authority (RequestTimeTooSkewed).
        private static readonly ConcurrentDictionary<string, TimeSpan> ClockSkew = new(StringComparer.OrdinalIgnoreCase);

        private readonly S3ControlClientOptions _options;

        public S3ControlClient(S3ControlClientOptions options) => _options = options;

        // ---- request builders (also used for -WhatIf) ----

        public static S3ControlRequest BuildCreateJob(CreateJobRequest request) =>
            new("CreateJob", "POST", JobsPath, string.Empty, XmlShapeWriter.Serialize("CreateJobRequest", request));

        public static S3ControlRequest BuildDescribeJob(string jobId) =>
            new("DescribeJob", "GET", JobPath(jobId), string.Empty, Array.Empty<byte>());

        public static S3ControlRequest BuildListJobs(IReadOnlyList<string>? statuses, string? nextToken, int? maxResults)
        {
            var query = new List<KeyValuePair<string, string>>();
            foreach (var status in statuses ?? Array.Empty<string>())
            {
                query.Add(new("jobStatuses", status));
            }

            if (nextToken is not null)
            {
                query.Add(new("nextToken", nextToken));
            }

            if (maxResults is int max)
            {
                query.Add(new("maxResults", max.ToString(CultureInfo.InvariantCulture)));
            }

            return new("ListJobs", "GET", JobsPath, Query(query), Array.Empty<byte>());
        }

        public static S3ControlRequest BuildUpdateJobPriority(string jobId, int priority) =>
            new("UpdateJobPriority", "POST", JobPath(jobId) + "/priority",
                Query(new[] { new KeyValuePair<string, string>("priority", priority.ToString(CultureInfo.InvariantCulture)) }), Array.Empty<byte>());

        public static S3ControlRequest BuildUpdateJobStatus(string jobId, string requestedStatus, string? reason)
        {
            var query = new List<KeyValuePair<string, string>> { new("requestedJobStatus", requestedStatus) };
            if (reason is not null)
            {
                query.Add(new("statusUpdateReason", reason));
            }

            return new("UpdateJobStatus", "POST", JobPath(jobId) + "/status", Query(query), Array.Empty<byte>());
        }

        public static S3ControlRequest BuildGetJobTagging(string jobId) =>
            new("GetJobTagging", "GET", JobPath(jobId) + "/tagging", string.Empty, Array.Empty<byte>());

        public static S3ControlRequest BuildPutJobTagging(string jobId, List<S3Tag> tags) =>
            new("PutJobTagging", "PUT", JobPath(jobId) + "/tagging", string.Empty,
                XmlShapeWriter.Serialize("PutJobTaggingRequest", new PutJobTaggingRequest { Tags = tags }));

        public static S3ControlRequest BuildDeleteJobTagging(string jobId) =>
            new("DeleteJobTagging", "DELETE", JobPath(jobId) + "/tagging", string.Empty, Array.Empty<byte>());

        // ---- operations ----

        public async Task<string> CreateJobAsync(CreateJobRequest request, CancellationToken cancel)
        {
            CreateJobResult result;
            try
            {
                result = await SendAsync<CreateJobResult>(BuildCreateJob(request), request.ClientRequestToken, cancel).ConfigureAwait(false);
            }
            catch (InvalidDataException unreadable)
            {
                // The service said yes but its answer cannot be read: the job most likely exists.
                throw new InvalidDataException(unreadable.Message + CreatedButUnread(request.ClientRequestToken), unreadable);
            }

            return result.JobId is { Length: > 0 } id
                ? id
                : throw new InvalidDataException("CreateJob answered without a JobId." + CreatedButUnread(request.ClientRequestToken));
        }

        private static string CreatedButUnread(string? token) =>
            token is null
                ? string.Empty
                : $" The job may have been created: re-run New-S3BatchJob with -ClientRequestToken {token} to get its id without creating a second one.";

        public async Task<S3BatchJob> DescribeJobAsync(string jobId, CancellationToken cancel)
        {
            var result = await SendAsync<DescribeJobResult>(BuildDescribeJob(jobId), null, cancel).ConfigureAwait(false);
            return result.Job ?? throw new InvalidDataException($"DescribeJob answered without a Job for {jobId}.");
        }

        public Task<ListJobsResult> ListJobsAsync(IReadOnlyList<string>? statuses, string? nextToken, int? maxResults, CancellationToken cancel) =>
            SendAsync<ListJobsResult>(BuildListJobs(statuses, nextToken, maxResults), null, cancel);

        public Task<UpdateJobPriorityResult> UpdateJobPriorityAsync(string jobId, int priority, CancellationToken cancel) =>
            SendAsync<UpdateJobPriorityResult>(BuildUpdateJobPriority(jobId, priority), null, cancel);

        public Task<UpdateJobStatusResult> UpdateJobStatusAsync(string jobId, string requestedStatus, string? reason, CancellationToken cancel) =>
            SendAsync<UpdateJobStatusResult>(BuildUpdateJobStatus(jobId, requestedStatus, reason), null, cancel);

        public async Task<List<S3Tag>> GetJobTaggingAsync(string jobId, CancellationToken cancel) =>
            (await SendAsync<GetJobTaggingResult>(BuildGetJobTagging(jobId), null, cancel).ConfigureAwait(false)).Tags ?? new List<S3Tag>();

        public Task PutJobTaggingAsync(string jobId, List<S3Tag> tags, CancellationToken cancel) =>
            SendAsync<Empty>(BuildPutJobTagging(jobId, tags), null, cancel);

        public Task DeleteJobTaggingAsync(string jobId, CancellationToken cancel) =>
            SendAsync<Empty>(BuildDeleteJobTagging(jobId), null, cancel);

        // ---- transport ----

        /// <summary>
        /// Sends with retries: throttling, 5xx and answers that never came (connection reset, timeout,
        /// a cut-off body) are retried with exponential backoff and full jitter up to the policy's
        /// attempts; every other error answer fails at once. <paramref name="clientRequestToken"/> names
        /// the token to re-run with when the outcome is unknown.
        /// </summary>
        internal async Task<T> SendAsync<T>(S3ControlRequest request, string? clientRequestToken, CancellationToken cancel)
            where T : class, IShape, new()
        {
            var retry = _options.Retry;
            var skewCorrected = false;
            var lostAttempts = 0;
            for (var attempt = 1; ; attempt++)
            {
                cancel.ThrowIfCancellationRequested();
                _options.Log?.Verbose($"{request.Operation}: {request.Method} {_options.Endpoint.Host}{request.Path} (attempt {attempt} of {retry.MaxAttempts})");
                Exception failure;
                try
                {
                    return await SendOnceAsync<T>(request, cancel).ConfigureAwait(false);
                }
                catch (S3BatchServiceException error) when (error.ErrorCode == "RequestTimeTooSkewed" && !skewCorrected && error.ServerDate is DateTime serverDate)
                {
                    // The SDKs correct the clock from the service's Date header and retry once.
                    skewCorrected = true;
                    var skew = serverDate - DateTime.UtcNow;
                    ClockSkew[_options.Endpoint.Authority] = skew;
                    _options.Log?.Verbose($"{request.Operation}: the local clock differs from the service's by {skew.TotalMinutes:F0} minutes; signing with the service's time and retrying.");
                    attempt--;
                    continue;
                }
                catch (S3BatchServiceException error) when (RetryPolicy.IsRetryable(error))
                {
                    failure = error;
                }
                catch (S3BatchServiceException error)
                {
                    throw Final(request, clientRequestToken, attempt, lostAttempts, error);
                }
                catch (Exception error) when (IsTransport(error, cancel))
                {
                    failure = error;
                    lostAttempts++;
                }

                if (attempt >= retry.MaxAttempts)
                {
                    throw Final(request, clientRequestToken, attempt, lostAttempts, failure);
                }

                var delay = retry.Backoff(attempt);
                _options.Log?.Verbose($"{request.Operation}: {Describe(failure)}; retrying in {delay.TotalMilliseconds:F0} ms.");
                await Task.Delay(delay, cancel).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The error to throw when the attempts end: an answer that never came (or an error after an
        /// attempt whose answer never came, for a request that changes something) leaves the outcome
        /// unknown; an error answer to every attempt says what was (not) done.
        /// </summary>
        private static Exception Final(S3ControlRequest request, string? token, int attempts, int lostAttempts, Exception last)
        {
            var changes = request.Method != "GET";
            if (last is not S3BatchServiceException service)
            {
                return OutcomeUnknown(request, token, attempts, last, changes);
            }

            if (lostAttempts > 0 && changes)
            {
                return OutcomeUnknown(request, token, attempts, service, changes);
            }

            var after = attempts > 1 ? $" (after {attempts} attempts)" : string.Empty;
            if (request.Operation == "CreateJob")
            {
                service.Annotate(
                    S3ControlErrors.IsRefusal(service)
                        ? $"{after} No job was created."
                        : $"{after} The service reported an error on every attempt; it is unlikely that a job was created. To be sure, re-run New-S3BatchJob with -ClientRequestToken {token}: that returns such a job instead of creating a second one.",
                    token,
                    attempts);
            }
            else if (attempts > 1)
            {
                service.Annotate(after, null, attempts);
            }

            return service;
        }

        private async Task<T> SendOnceAsync<T>(S3ControlRequest request, CancellationToken cancel)
            where T : class, IShape, new()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(_options.RequestTimeout);
            var credentials = await _options.Credentials(timeout.Token).ConfigureAwait(false);
            var uri = request.Uri(_options.Endpoint);

            var signable = SigningRequest.FromUri(request.Method, uri);
            signable.SetHeader("x-amz-account-id", _options.AccountId);
            if (request.Body.Length > 0 || request.Method is "POST" or "PUT")
            {
                signable.SetHeader("Content-Length", request.Body.Length.ToString(CultureInfo.InvariantCulture));
            }

            signable.Payload = request.Body;
            var now = DateTime.UtcNow + (ClockSkew.TryGetValue(_options.Endpoint.Authority, out var skew) ? skew : TimeSpan.Zero);
            SigV4Signer.Sign(signable, credentials, _options.SigningRegion, "s3", now, SigningMode.S3);

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
            if (request.Body.Length > 0 || request.Method is "POST" or "PUT")
            {
                message.Content = new ByteArrayContent(request.Body);
            }

            foreach (var header in signable.Headers)
            {
                if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            _options.Log?.Debug("Request (signature and session token redacted):" + Environment.NewLine + SignedRequestFormatter.Describe(signable, includePayload: true));

            var blocking = _options.SendOnCallingThread ? SendBlocking : null;
            using var response = blocking is not null
                ? blocking(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                : await Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var requestId = response.Headers.TryGetValues("x-amz-request-id", out var ids) ? ids.FirstOrDefault() : null;
            var body = await ReadBodyAsync(request.Operation, response, _options.MaxResponseBytes, blocking is not null, timeout.Token).ConfigureAwait(false);
            string Scrub(string text) => ScrubSecrets(text, credentials);
            if (body is null)
            {
                _options.Log?.Debug($"Response {(int)response.StatusCode} {response.StatusCode}, request id {requestId ?? "(none)"}: a body of more than {_options.MaxResponseBytes} bytes, not read.");
                if (response.IsSuccessStatusCode)
                {
                    throw new InvalidDataException($"{request.Operation}: the service's answer is larger than {_options.MaxResponseBytes / (1024 * 1024)} MB, more than any answer of this operation can be; it was not read.");
                }

                body = Array.Empty<byte>();
            }
            else
            {
                _options.Log?.Debug($"Response {(int)response.StatusCode} {response.StatusCode}, request id {requestId ?? "(none)"} (signatures and secrets redacted):{Environment.NewLine}{Scrub(RedactResponse(Encoding.UTF8.GetString(body)))}");
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = S3ControlErrors.Read(request.Operation, response.StatusCode, body, requestId);
                error.ServerDate = response.Headers.Date?.UtcDateTime;
                if (Scrub(error.Message) != error.Message)
                {
                    // A service that echoes a secret in its message: keep the code, drop the message.
                    error = new S3BatchServiceException(request.Operation, error.StatusCode, error.ErrorCode, "(the service's message held a secret of the request and is not shown)", error.RequestId) { ServerDate = error.ServerDate };
                }

                throw error;
            }

            if (typeof(T) == typeof(Empty) || body.Length == 0)
            {
                return new T();
            }

            try
            {
                using var stream = new MemoryStream(body);
                return XmlShapeReader.Read<T>(XmlShapeReader.Parse(stream));
            }
            catch (XmlException error) when (XmlShapeReader.IsDtdRefusal(error))
            {
                throw new InvalidDataException($"{request.Operation}: the service's answer holds a document type declaration (DTD), which the module refuses: nothing in it was expanded or fetched, and nothing was read from the answer.", error);
            }
            catch (XmlException error)
            {
                throw new InvalidDataException($"{request.Operation}: the service's answer is not valid XML ({error.Message}). Nothing was read from it.", error);
            }
            catch (Exception error) when (error is FormatException or OverflowException)
            {
                throw new InvalidDataException($"{request.Operation}: the service's answer has a value that cannot be read ({error.Message}).", error);
            }
        }

        /// <summary>
        /// The whole body, or null when it is larger than <paramref name="limit"/> bytes (declared or
        /// read). A body shorter than its Content-Length is a cut-off answer (an <see cref="IOException"/>).
        /// <paramref name="blocking"/> reads on the calling thread; cancelling then ends the response under
        /// the read, which is reported as the cancellation it is.
        /// </summary>
        private static async Task<byte[]?> ReadBodyAsync(string operation, HttpResponseMessage response, long limit, bool blocking, CancellationToken cancel)
        {
            var declared = response.Content.Headers.ContentLength;
            if (declared > limit)
            {
                return null;
            }

            using var abort = blocking ? cancel.Register(static r => ((HttpResponseMessage)r!).Dispose(), response) : default;
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            if (declared is long length)
            {
                // As long as it says: read straight into an array of that size.
                var body = new byte[length];
                var filled = 0;
                int read;
                while (filled < body.Length && (read = await ReadAsync(stream, body, filled, body.Length - filled, blocking, cancel).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }

                return filled == body.Length
                    ? body
                    : throw new IOException($"{operation}: the response was cut off ({filled} of {length} bytes).");
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[4096];
            while (true)
            {
                var read = await ReadAsync(stream, chunk, 0, chunk.Length, blocking, cancel).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }

        private static async Task<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, bool blocking, CancellationToken cancel)
        {
            if (!blocking)
            {
                return await stream.ReadAsync(buffer, offset, count, cancel).ConfigureAwait(false);
            }

            int read;
            try
            {
                read = stream.Read(buffer, offset, count);
            }
            catch (Exception ended) when (cancel.IsCancellationRequested && ended is not OperationCanceledException)
            {
                throw new OperationCanceledException("The response was ended by cancellation.", ended, cancel);
            }

            // Ended under the read by cancellation, which may look like the end of the body.
            cancel.ThrowIfCancellationRequested();
            return read;
        }

        // What S3's SignatureDoesNotMatch answer echoes of the request: the signature and what was signed.
        private static readonly System.Text.RegularExpressions.Regex EchoedSigning = new(
            @"<(SignatureProvided|StringToSign|StringToSignBytes|CanonicalRequest|CanonicalRequestBytes)>[^<]*</\1>",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static readonly System.Text.RegularExpressions.Regex SignatureValue = new(
            @"(Signature=)[0-9a-fA-F]{16,}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>An answer for the debug log: echoed signatures and signed text (S3's SignatureDoesNotMatch) taken out.</summary>
        internal static string RedactResponse(string body) =>
            SignatureValue.Replace(EchoedSigning.Replace(body, "<$1>" + SignedRequestFormatter.Redacted + "</$1>"), "$1" + SignedRequestFormatter.Redacted);

        /// <summary>Any text with the secret key and session token of <paramref name="credentials"/> taken out.</summary>
        internal static string ScrubSecrets(string text, ImmutableCredentials credentials)
        {
            if (!string.IsNullOrEmpty(credentials.SecretKey))
            {
                text = text.Replace(credentials.SecretKey, SignedRequestFormatter.Redacted);
            }

            if (!string.IsNullOrEmpty(credentials.Token))
            {
                text = text.Replace(credentials.Token, SignedRequestFormatter.Redacted);
            }

            return text;
        }

        private static bool IsTransport(Exception error, CancellationToken cancel) =>
            !cancel.IsCancellationRequested && error is HttpRequestException or IOException or OperationCanceledException;

        private static string Describe(Exception error) => error switch
        {
            S3BatchServiceException s => $"{s.ErrorCode} (HTTP {s.StatusCode})",
            OperationCanceledException => "no answer within the request timeout",
            HttpRequestException { InnerException: { } inner } http => $"{http.Message} {inner.Message}",
            _ => error.Message,
        };

        private static S3BatchOutcomeUnknownException OutcomeUnknown(S3ControlRequest request, string? token, int attempts, Exception last, bool changes)
        {
            var what = last is S3BatchServiceException service
                ? $"an earlier attempt got no answer, and the last was refused with {service.ErrorCode}: {service.ServiceMessage}"
                : $"the last: {Describe(last)}";
            var message = !changes
                ? $"{request.Operation} got no answer after {attempts} attempt(s) ({what}). Nothing was changed by it; try again when the service can be reached."
                : token is null
                    ? $"{request.Operation} got no usable answer after {attempts} attempt(s) ({what}). The request may or may not have taken effect; check the job and try again."
                    : $"{request.Operation} got no usable answer after {attempts} attempt(s) ({what}). The job may or may not have been created: re-run New-S3BatchJob with -ClientRequestToken {token} to get the job without creating a second one.";
            return new S3BatchOutcomeUnknownException(message, request.Operation, token, last);
        }

        private static string JobPath(string jobId) => $"{JobsPath}/{SigV4Signer.UriEncode(jobId)}";

        private static string Query(IEnumerable<KeyValuePair<string, string>> pairs) =>
            string.Join("&", pairs.Select(p => SigV4Signer.UriEncode(p.Key) + "=" + SigV4Signer.UriEncode(p.Value)));

        /// <summary>A result with no members.</summary>
        internal sealed class Empty : IShape
        {
            void IShape.Visit(IShapeVisitor visitor)
            {
            }
        }
    }
}
