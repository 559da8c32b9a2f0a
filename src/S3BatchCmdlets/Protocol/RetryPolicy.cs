using System;
using System.Globalization;
using System.Threading;

namespace S3Batch.Protocol
{
    /// <summary>
    /// The AWS SDKs' retry behaviour: <c>standard</c> (the default: 3 attempts, exponential backoff with
    /// full jitter, capped at 20 seconds), <c>legacy</c> (5 attempts) and <c>adaptive</c> (standard's
    /// attempts and backoff; the client-side rate limiter of adaptive mode is not implemented).
    /// <c>AWS_MAX_ATTEMPTS</c> and <c>AWS_RETRY_MODE</c>, then the profile's <c>max_attempts</c> and
    /// <c>retry_mode</c>, are honoured as the SDKs honour them.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private static int _seed = Environment.TickCount;
        private static readonly ThreadLocal<Random> Jitter = new(() => new Random(Interlocked.Increment(ref _seed)));

        public RetryPolicy(string mode, int maxAttempts, TimeSpan baseDelay, TimeSpan maxBackoff)
        {
            Mode = mode;
            MaxAttempts = maxAttempts;
            BaseDelay = baseDelay;
            MaxBackoff = maxBackoff;
        }

        /// <summary>standard, legacy or adaptive.</summary>
        public string Mode { get; }

        /// <summary>Attempts in all, the first included.</summary>
        public int MaxAttempts { get; }

        /// <summary>The backoff unit (one second in the SDKs).</summary>
        public TimeSpan BaseDelay { get; }

        /// <summary>The largest single backoff.</summary>
        public TimeSpan MaxBackoff { get; }

        /// <summary>
        /// The policy the environment asks for, else the profile (<paramref name="profileMode"/>,
        /// <paramref name="profileMaxAttempts"/>: its retry_mode and max_attempts), else the default.
        /// <c>S3BATCH_RETRY_BASE_DELAY_MS</c> shortens the backoff unit, for tests against a local emulator.
        /// </summary>
        public static RetryPolicy FromEnvironment(Func<string, string?> env, string? profileMode = null, int? profileMaxAttempts = null)
        {
            // Unset, empty or blank means not set, as in the SDKs.
            var modeText = env("AWS_RETRY_MODE");
            var mode = !string.IsNullOrWhiteSpace(modeText) ? modeText!.Trim().ToLowerInvariant() : profileMode ?? "standard";
            if (mode is not ("standard" or "legacy" or "adaptive"))
            {
                throw new ArgumentException($"AWS_RETRY_MODE is '{mode}'; use standard, legacy or adaptive.");
            }

            var attempts = profileMaxAttempts is int fromProfile && fromProfile >= 1 ? fromProfile : mode == "legacy" ? 5 : 3;
            if (env("AWS_MAX_ATTEMPTS") is { } text && !string.IsNullOrWhiteSpace(text))
            {
                if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out attempts) || attempts < 1)
                {
                    throw new ArgumentException($"AWS_MAX_ATTEMPTS is '{text}'; use a whole number of at least 1.");
                }
            }

            var unit = TimeSpan.FromSeconds(1);
            if (env("S3BATCH_RETRY_BASE_DELAY_MS") is { Length: > 0 } ms
                && int.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m >= 0)
            {
                unit = TimeSpan.FromMilliseconds(m);
            }

            return new RetryPolicy(mode, attempts, unit, TimeSpan.FromSeconds(20));
        }

        /// <summary>The wait before attempt <paramref name="attempt"/> + 1: random(0, 1) × 2^(attempt-1) units, capped.</summary>
        public TimeSpan Backoff(int attempt)
        {
            var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
            var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(Jitter.Value!.NextDouble() * capped);
        }

        /// <summary>Whether an error response is worth another attempt.</summary>
        public static bool IsRetryable(S3BatchServiceException error) =>
            S3ControlErrors.ThrottlingCodes.Contains(error.ErrorCode)
            || S3ControlErrors.TransientCodes.Contains(error.ErrorCode)
            || S3ControlErrors.TransientStatuses.Contains(error.StatusCode);
    }
}
