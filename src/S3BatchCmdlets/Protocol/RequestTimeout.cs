using System;
using System.Globalization;

namespace S3Batch.Protocol
{
    /// <summary>How long one attempt may take: 60 seconds, or <c>S3BATCH_REQUEST_TIMEOUT</c> seconds (fractions allowed).</summary>
    internal static class RequestTimeout
    {
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

        public static TimeSpan FromEnvironment(Func<string, string?> env)
        {
            var text = env("S3BATCH_REQUEST_TIMEOUT");
            if (string.IsNullOrWhiteSpace(text))
            {
                return Default;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 3600)
            {
                throw new ArgumentException($"S3BATCH_REQUEST_TIMEOUT is '{text}'; use a number of seconds between 0 and 3600.");
            }

            return TimeSpan.FromSeconds(seconds);
        }
    }
}
