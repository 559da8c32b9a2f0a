using System.Linq;
using S3Batch.Jobs;
using S3Batch.Model;
using Xunit;

namespace S3Batch.Tests.Jobs
{
    public sealed class JobCommandInputTests
    {
        [Theory]
        [InlineData("12345")]
        [InlineData("f8fb9d89-a3aa-461d-bddc-ea6a1b131955")]
        [InlineData("job_id-1")]
        public void AcceptsTheModelsJobIds(string id) => JobCommandInput.ThrowIfInvalid(id);

        [Theory]
        [InlineData("1234", "TooShort")]
        [InlineData("f8fb9d89-a3aa-461d-bddc-ea6a1b131955x", "TooLong")]
        [InlineData("!!!!!!", "PatternMismatch")]
        public void RefusesOthersNamingTheParameter(string id, string reason)
        {
            var error = Assert.Throws<S3BatchValidationException>(() => JobCommandInput.ThrowIfInvalid(id));
            Assert.Equal(reason, error.Failures.Single().Reason);
            Assert.Contains("(-JobId)", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ChecksPriorityAndReason()
        {
            var priority = Assert.Throws<S3BatchValidationException>(() => JobCommandInput.ThrowIfInvalid("12345", priority: -1));
            Assert.Equal("BelowMinimum", priority.Failures.Single().Reason);
            Assert.Contains("(-Priority)", priority.Message, System.StringComparison.Ordinal);

            var reason = Assert.Throws<S3BatchValidationException>(() => JobCommandInput.ThrowIfInvalid("12345", reason: new string('x', 257)));
            Assert.Equal("TooLong", reason.Failures.Single().Reason);
            Assert.Contains("(-Reason)", reason.Message, System.StringComparison.Ordinal);

            JobCommandInput.ThrowIfInvalid("12345", priority: int.MaxValue, reason: "because");
        }
    }
}
