using System;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchRetentionOperation: a job operation that sets Object Lock retention (S3PutObjectRetention).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchRetentionOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchRetentionOperationCommand : OperationBuilderCmdlet
    {
        private static readonly Dictionary<string, string> Names = new() { ["RetainUntilDate"] = nameof(RetainUntil) };

        /// <summary>COMPLIANCE or GOVERNANCE.</summary>
        [Parameter(Position = 0)]
        [ValidateSet("COMPLIANCE", "GOVERNANCE")]
        public string? Mode { get; set; }

        /// <summary>Keep the objects locked until this time.</summary>
        [Parameter(Position = 1)]
        public DateTime? RetainUntil { get; set; }

        /// <summary>Change governance-mode retention (needs s3:BypassGovernanceRetention).</summary>
        [Parameter]
        public SwitchParameter BypassGovernanceRetention { get; set; }

        internal override IReadOnlyDictionary<string, string> ParameterNames => Names;

        internal override JobOperation Build() => new()
        {
            S3PutObjectRetention = new S3SetObjectRetentionOperation
            {
                BypassGovernanceRetention = PSConvert.Switch(this, nameof(BypassGovernanceRetention), BypassGovernanceRetention),
                Retention = new S3Retention { RetainUntilDate = RetainUntil, Mode = Mode },
            },
        };
    }
}
