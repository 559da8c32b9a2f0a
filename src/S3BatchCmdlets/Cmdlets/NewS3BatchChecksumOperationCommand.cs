using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchChecksumOperation: a job operation that computes object checksums (S3ComputeObjectChecksum).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchChecksumOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchChecksumOperationCommand : OperationBuilderCmdlet
    {
        /// <summary>The checksum algorithm.</summary>
        [Parameter(Position = 0)]
        [ValidateSet("CRC32", "CRC32C", "CRC64NVME", "MD5", "SHA1", "SHA256", "SHA512", "XXHASH64", "XXHASH3", "XXHASH128")]
        public string? ChecksumAlgorithm { get; set; }

        /// <summary>FULL_OBJECT or COMPOSITE.</summary>
        [Parameter]
        [ValidateSet("FULL_OBJECT", "COMPOSITE")]
        public string? ChecksumType { get; set; }

        internal override JobOperation Build() => new()
        {
            S3ComputeObjectChecksum = new S3ComputeObjectChecksumOperation { ChecksumAlgorithm = ChecksumAlgorithm, ChecksumType = ChecksumType },
        };
    }
}
