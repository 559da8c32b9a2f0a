using System;
using System.Collections.Generic;
using System.Linq;
using S3Batch.Protocol;
using Xunit;

namespace S3Batch.Tests.Protocol
{
    public sealed class RetryPolicyTests
    {
        private static Func<string, string?> Env(params (string Name, string Value)[] values)
        {
            var map = values.ToDictionary(v => v.Name, v => v.Value);
            return name => map.TryGetValue(name, out var v) ? v : null;
        }

        [Theory]
        [InlineData(null, null, "standard", 3)]
        [InlineData("standard", null, "standard", 3)]
        [InlineData("legacy", null, "legacy", 5)]
        [InlineData("adaptive", null, "adaptive", 3)]
        [InlineData(" Legacy ", null, "legacy", 5)]
        [InlineData(null, "1", "standard", 1)]
        [InlineData("legacy", "2", "legacy", 2)]
        [InlineData("standard", "10", "standard", 10)]
        [InlineData("", "", "standard", 3)]
        [InlineData("  ", " 4 ", "standard", 4)]
        public void ReadsTheModeAndAttemptsAsTheSdksDo(string? mode, string? attempts, string expectedMode, int expectedAttempts)
        {
            var values = new List<(string, string)>();
            if (mode is not null)
            {
                values.Add(("AWS_RETRY_MODE", mode));
            }

            if (attempts is not null)
            {
                values.Add(("AWS_MAX_ATTEMPTS", attempts));
            }

            var policy = RetryPolicy.FromEnvironment(Env(values.ToArray()));
            Assert.Equal(expectedMode, policy.Mode);
            Assert.Equal(expectedAttempts, policy.MaxAttempts);
            Assert.Equal(TimeSpan.FromSeconds(1), policy.BaseDelay);
            Assert.Equal(TimeSpan.FromSeconds(20), policy.MaxBackoff);
        }

        [Theory]
        [InlineData(null, null, "adaptive", 2, "adaptive", 2)]
        [InlineData(null, null, "legacy", null, "legacy", 5)]
        [InlineData(null, null, null, 7, "standard", 7)]
        [InlineData("standard", null, "legacy", null, "standard", 3)]
        [InlineData(null, "4", "adaptive", 2, "adaptive", 4)]
        [InlineData("legacy", "6", "adaptive", 2, "legacy", 6)]
        [InlineData(" ", "", "adaptive", 2, "adaptive", 2)]
        public void TheEnvironmentComesBeforeTheProfile(string? mode, string? attempts, string? profileMode, int? profileAttempts, string expectedMode, int expectedAttempts)
        {
            var values = new List<(string, string)>();
            if (mode is not null)
            {
                values.Add(("AWS_RETRY_MODE", mode));
            }

            if (attempts is not null)
            {
                values.Add(("AWS_MAX_ATTEMPTS", attempts));
            }

            var policy = RetryPolicy.FromEnvironment(Env(values.ToArray()), profileMode, profileAttempts);
            Assert.Equal(expectedMode, policy.Mode);
            Assert.Equal(expectedAttempts, policy.MaxAttempts);
        }

        [Theory]
        [InlineData("AWS_RETRY_MODE", "sometimes")]
        [InlineData("AWS_MAX_ATTEMPTS", "0")]
        [InlineData("AWS_MAX_ATTEMPTS", "three")]
        [InlineData("AWS_MAX_ATTEMPTS", "-1")]
        public void RefusesValuesItDoesNotKnow(string name, string value)
        {
            var e = Assert.Throws<ArgumentException>(() => RetryPolicy.FromEnvironment(Env((name, value))));
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BacksOffExponentiallyWithFullJitterUpToTheCap()
        {
            var policy = new RetryPolicy("standard", 10, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000));
            for (var attempt = 1; attempt <= 8; attempt++)
            {
                var bound = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
                var waits = Enumerable.Range(0, 200).Select(_ => policy.Backoff(attempt).TotalMilliseconds).ToList();
                Assert.All(waits, w => Assert.InRange(w, 0, bound));
                Assert.True(waits.Distinct().Count() > 100, "jitter");
                Assert.True(waits.Max() > bound * 0.8, $"attempt {attempt} reaches near its bound {bound}");
            }
        }

        [Fact]
        public void TheTestKnobShortensTheUnit()
        {
            var policy = RetryPolicy.FromEnvironment(Env(("S3BATCH_RETRY_BASE_DELAY_MS", "10")));
            Assert.Equal(TimeSpan.FromMilliseconds(10), policy.BaseDelay);
        }

        [Theory]
        [InlineData("SlowDown", 503, true)]
        [InlineData("TooManyRequestsException", 400, true)]
        [InlineData("ThrottlingException", 400, true)]
        [InlineData("InternalError", 500, true)]
        [InlineData("InternalServiceException", 500, true)]
        [InlineData("ServiceUnavailable", 503, true)]
        [InlineData("Http504", 504, true)]
        [InlineData("RequestTimeout", 400, true)]
        [InlineData("InvalidRequestException", 400, false)]
        [InlineData("IdempotencyException", 400, false)]
        [InlineData("JobStatusException", 400, false)]
        [InlineData("NotFoundException", 404, false)]
        [InlineData("AccessDenied", 403, false)]
        [InlineData("SignatureDoesNotMatch", 403, false)]
        [InlineData("ExpiredToken", 400, false)]
        [InlineData("TooManyTagsException", 400, false)]
        public void RetriesThrottlingAndTransientErrorsOnly(string code, int status, bool retried)
        {
            var error = S3ControlErrors.Read("Op", (System.Net.HttpStatusCode)status,
                System.Text.Encoding.UTF8.GetBytes($"<ErrorResponse><Error><Code>{code}</Code><Message>m</Message></Error></ErrorResponse>"), null);
            Assert.Equal(retried, RetryPolicy.IsRetryable(error));
        }
    }
}
