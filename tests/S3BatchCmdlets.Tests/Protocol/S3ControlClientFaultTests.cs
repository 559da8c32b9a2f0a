using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using S3Batch.Model;
using S3Batch.Protocol;
using RetryPolicy = S3Batch.Protocol.RetryPolicy;
using Xunit;

namespace S3Batch.Tests.Protocol
{
    /// <summary>The client's retries and its errors, against a server that misbehaves on purpose (sending and reading asynchronously).</summary>
    public class S3ControlClientFaultTests
    {
        private const string Secret = "xunit-Secret/Key+123";
        private const string Token = "xunit-Session-Token==";
        private const string Ns = "http://awss3control.amazonaws.com/doc/2018-08-20/";
        private protected static readonly string Created = $"<CreateJobResult xmlns=\"{Ns}\"><JobId>job-1</JobId></CreateJobResult>";

        private int _credentialCalls;

        private protected S3ControlClient Client(RawHttpServer server, int attempts = 3, double timeoutSeconds = 5, long maxBytes = 16L * 1024 * 1024, string mode = "standard") =>
            new(new S3ControlClientOptions(new Uri(server.Url), "123456789012", "us-east-1", _ =>
            {
                Interlocked.Increment(ref _credentialCalls);
                return Task.FromResult(new ImmutableCredentials("AKIDXUNIT", Secret, Token));
            })
            {
                Retry = new RetryPolicy(mode, attempts, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20)),
                RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds),
                MaxResponseBytes = maxBytes,
                SendOnCallingThread = OnCallingThread,
            });

        /// <summary>Whether the client sends and reads on the calling thread (as the cmdlets that wait on one request at a time do).</summary>
        protected virtual bool OnCallingThread => false;

        private protected static CreateJobRequest Job(string token = "token-1") => new()
        {
            ClientRequestToken = token,
            ConfirmationRequired = false,
            Priority = 10,
            RoleArn = "arn:aws:iam::123456789012:role/r",
            Operation = new JobOperation(),
            Report = new JobReport { Enabled = false },
        };

        private static string Error(string code, string message = "m") =>
            $"<ErrorResponse><Error><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>";

        [Theory]
        [InlineData(500, "InternalError")]
        [InlineData(503, "SlowDown")]
        [InlineData(400, "TooManyRequestsException")]
        [InlineData(502, "BadGateway")]
        public async Task RetriesThrottlingAnd5xxWithTheSameTokenAndBody(int status, string code)
        {
            using var server = new RawHttpServer((_, n) => n < 3 ? RawReply.Http(status, Error(code)) : RawReply.Http(200, Created));
            var id = await Client(server).CreateJobAsync(Job(), CancellationToken.None);
            Assert.Equal("job-1", id);
            Assert.Equal(3, server.Count);
            Assert.Single(server.Requests.Select(r => r.Body).Distinct());
            Assert.Contains("<ClientRequestToken>token-1</ClientRequestToken>", server.Requests.First().Body, StringComparison.Ordinal);
            Assert.Equal(3, _credentialCalls); // asked before every attempt
        }

        [Theory]
        [InlineData(400, "InvalidRequestException")]
        [InlineData(400, "IdempotencyException")]
        [InlineData(403, "AccessDenied")]
        [InlineData(404, "NotFoundException")]
        [InlineData(400, "ExpiredToken")]
        public async Task DoesNotRetryOther4xxAndSaysNoJobWasCreated(int status, string code)
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(status, Error(code)));
            var e = await Assert.ThrowsAsync<S3BatchServiceException>(() => Client(server).CreateJobAsync(Job(), CancellationToken.None));
            Assert.Equal(code, e.ErrorCode);
            Assert.Equal(1, server.Count);
            Assert.Contains("No job was created.", e.Message, StringComparison.Ordinal);
            Assert.Equal(1, e.Attempts);
        }

        [Fact]
        public async Task ThrottledOnEveryAttemptSaysNoJobWasCreated()
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(503, Error("SlowDown")));
            var e = await Assert.ThrowsAsync<S3BatchServiceException>(() => Client(server, attempts: 4).CreateJobAsync(Job(), CancellationToken.None));
            Assert.Equal(4, server.Count);
            Assert.Equal(4, e.Attempts);
            Assert.Contains("(after 4 attempts) No job was created.", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task InternalErrorOnEveryAttemptNamesTheToken()
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(500, Error("InternalError")));
            var e = await Assert.ThrowsAsync<S3BatchServiceException>(() => Client(server).CreateJobAsync(Job("tok-500"), CancellationToken.None));
            Assert.Equal("tok-500", e.ClientRequestToken);
            Assert.Contains("-ClientRequestToken tok-500", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ResetsOnEveryAttemptLeaveTheOutcomeUnknownWithTheToken()
        {
            using var server = new RawHttpServer((_, _) => RawReply.ResetNow());
            var e = await Assert.ThrowsAsync<S3BatchOutcomeUnknownException>(() => Client(server).CreateJobAsync(Job("tok-reset"), CancellationToken.None));
            Assert.Equal(3, server.Count);
            Assert.Equal("tok-reset", e.ClientRequestToken);
            Assert.Equal("CreateJob", e.Operation);
            Assert.Contains("-ClientRequestToken tok-reset", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AResetThenAnAnswerSucceeds()
        {
            using var server = new RawHttpServer((_, n) => n == 1 ? RawReply.ResetNow() : RawReply.Http(200, Created));
            Assert.Equal("job-1", await Client(server).CreateJobAsync(Job(), CancellationToken.None));
            Assert.Equal(2, server.Count);
        }

        [Fact]
        public async Task ALostAttemptThenARefusalIsStillUnknown()
        {
            using var server = new RawHttpServer((_, n) => n == 1 ? RawReply.ResetNow() : RawReply.Http(500, Error("InternalError")));
            var e = await Assert.ThrowsAsync<S3BatchOutcomeUnknownException>(() => Client(server).CreateJobAsync(Job("tok-mixed"), CancellationToken.None));
            Assert.Contains("an earlier attempt got no answer", e.Message, StringComparison.Ordinal);
            Assert.IsType<S3BatchServiceException>(e.InnerException);
        }

        [Fact]
        public async Task ACutOffBodyIsRetried()
        {
            using var server = new RawHttpServer((_, n) => n == 1 ? RawReply.Http(200, Created, declaredLength: Created.Length, sendBytes: Created.Length / 2, reset: true) : RawReply.Http(200, Created));
            Assert.Equal("job-1", await Client(server).CreateJobAsync(Job(), CancellationToken.None));
            Assert.Equal(2, server.Count);
        }

        [Fact]
        public async Task AnAnswerSlowerThanTheTimeoutIsRetried()
        {
            using var server = new RawHttpServer((_, n) => n == 1 ? RawReply.Silent(TimeSpan.FromSeconds(3), RawReply.Http(200, Created)) : RawReply.Http(200, Created));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal("job-1", await Client(server, timeoutSeconds: 0.3).CreateJobAsync(Job(), CancellationToken.None));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), watch.Elapsed.ToString());
            Assert.Equal(2, server.Count);
        }

        [Fact]
        public async Task ABodyThatStopsHalfwayIsRetriedAfterTheTimeout()
        {
            using var server = new RawHttpServer((_, n) => n == 1
                ? RawReply.Stalled(RawReply.Http(200, Created, sendBytes: Created.Length / 2), TimeSpan.FromSeconds(5))
                : RawReply.Http(200, Created));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal("job-1", await Client(server, timeoutSeconds: 0.3).CreateJobAsync(Job(), CancellationToken.None));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
            Assert.Equal(2, server.Count);
        }

        [Fact]
        public async Task CancellingWhileABodyIsStalledStopsAtOnceWithoutRetrying()
        {
            using var server = new RawHttpServer((_, _) => RawReply.Stalled(RawReply.Http(200, Created, sendBytes: Created.Length / 2), TimeSpan.FromSeconds(10)));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(server, timeoutSeconds: 30).CreateJobAsync(Job(), cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
            Assert.Equal(1, server.Count);
        }

        [Fact]
        public async Task ReadsThatGetNoAnswerSayNothingChanged()
        {
            using var server = new RawHttpServer((_, _) => RawReply.ResetNow());
            var e = await Assert.ThrowsAsync<S3BatchOutcomeUnknownException>(() => Client(server, attempts: 2).DescribeJobAsync("job-1", CancellationToken.None));

            // .NET's handler itself resends a bodiless request whose connection failed before any answer
            // (up to 3 times), so the server sees more requests than the client's attempts.
            Assert.InRange(server.Count, 2, 8);
            Assert.Contains("Nothing was changed", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task CorrectsClockSkewFromTheDateHeaderOnce()
        {
            var serverTime = DateTime.UtcNow.AddMinutes(30);
            using var server = new RawHttpServer((request, _) =>
            {
                var date = DateTime.ParseExact(request.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
                return Math.Abs((date - serverTime).TotalMinutes) > 15
                    ? RawReply.Http(403, Error("RequestTimeTooSkewed"), extraHeaders: $"Date: {serverTime:r}\r\n")
                    : RawReply.Http(200, $"<DescribeJobResult xmlns=\"{Ns}\"><Job><JobId>job-1</JobId><Status>Active</Status></Job></DescribeJobResult>");
            });
            var job = await Client(server, attempts: 1).DescribeJobAsync("job-1", CancellationToken.None);
            Assert.Equal("Active", job.Status);
            Assert.Equal(2, server.Count);
        }

        [Fact]
        public async Task AnOversizedAnswerIsAClearErrorAndNotRetried()
        {
            var big = $"<DescribeJobResult xmlns=\"{Ns}\"><Job><Description>{new string('x', 5000)}</Description></Job></DescribeJobResult>";
            using var server = new RawHttpServer((_, _) => RawReply.Http(200, big));
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => Client(server, maxBytes: 4096).DescribeJobAsync("job-1", CancellationToken.None));
            Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
            Assert.Equal(1, server.Count);
        }

        [Fact]
        public async Task AnOversizedAnswerWithoutContentLengthIsRefusedToo()
        {
            var big = new string('x', 10000);
            using var server = new RawHttpServer((_, _) =>
                new RawReply(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nConnection: close\r\n\r\n<DescribeJobResult>{big}</DescribeJobResult>")));
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => Client(server, maxBytes: 4096).DescribeJobAsync("job-1", CancellationToken.None));
            Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("<!DOCTYPE r [<!ENTITY e \"boom\">]><DescribeJobResult><Job><JobId>&e;</JobId></Job></DescribeJobResult>", "DTD")]
        [InlineData("<DescribeJobResult><Job><JobId>x</Job>", "not valid XML")]
        [InlineData("<DescribeJobResult><Job><Priority>99999999999</Priority></Job></DescribeJobResult>", "cannot be read")]
        [InlineData("<DescribeJobResult><Job><CreationTime>yesterday</CreationTime></Job></DescribeJobResult>", "cannot be read")]
        public async Task AMalformedOrHostileAnswerIsAClearError(string body, string says)
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(200, body));
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => Client(server).DescribeJobAsync("job-1", CancellationToken.None));
            Assert.Contains(says, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("boom", e.Message, StringComparison.Ordinal);
            Assert.Equal(1, server.Count);
        }

        [Fact]
        public async Task AnUnreadableCreateJobAnswerNamesTheToken()
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(200, "<CreateJobResult><JobId>"));
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => Client(server).CreateJobAsync(Job("tok-bad"), CancellationToken.None));
            Assert.Contains("-ClientRequestToken tok-bad", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnErrorMessageThatEchoesASecretIsNotShown()
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(403, Error("SignatureDoesNotMatch", $"token {Token} and key {Secret}")));
            var e = await Assert.ThrowsAsync<S3BatchServiceException>(() => Client(server).DescribeJobAsync("job-1", CancellationToken.None));
            Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
            Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void TheDebugLogOfAnAnswerLeavesOutEchoedSignatures()
        {
            var body = "<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>abcdef0123456789abcdef</SignatureProvided><StringToSign>AWS4\nx</StringToSign><CanonicalRequest>GET\n/\nx-amz-security-token:tok</CanonicalRequest><Detail>Signature=0123456789abcdef0123</Detail></Error>";
            var shown = S3ControlClient.RedactResponse(body);
            Assert.DoesNotContain("abcdef0123456789abcdef", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("x-amz-security-token:tok", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("0123456789abcdef0123", shown, StringComparison.Ordinal);
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", shown, StringComparison.Ordinal);
        }

        [Fact]
        public async Task UnknownElementsAreIgnored()
        {
            var body = $"<DescribeJobResult xmlns=\"{Ns}\"><Added>1</Added><Job><JobId>job-1</JobId><NewThing><Deep>x</Deep></NewThing><Priority>4</Priority></Job></DescribeJobResult>";
            using var server = new RawHttpServer((_, _) => RawReply.Http(200, body));
            var job = await Client(server).DescribeJobAsync("job-1", CancellationToken.None);
            Assert.Equal("job-1", job.JobId);
            Assert.Equal(4, job.Priority);
        }
    }

    /// <summary>The same faults with the client sending and reading on the calling thread (HttpClient.Send).</summary>
    public sealed class S3ControlClientFaultTestsOnCallingThread : S3ControlClientFaultTests
    {
        protected override bool OnCallingThread => true;

        [Fact]
        public async Task AnAnsweredRequestIsDoneBeforeTheCallReturns()
        {
            using var server = new RawHttpServer((_, _) => RawReply.Http(200, Created));
            var task = Client(server).CreateJobAsync(Job(), CancellationToken.None);
            Assert.True(task.IsCompleted, "the request was handed to another thread");
            Assert.Equal("job-1", await task);
        }
    }
}
