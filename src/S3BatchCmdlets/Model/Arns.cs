using System;

namespace S3Batch.Model
{
    /// <summary>ARNs made from names, in the partition of a region.</summary>
    internal static class Arns
    {
        /// <summary>The partition of <paramref name="region"/> (aws, aws-cn, aws-us-gov, ...); aws when no region is known.</summary>
        public static string Partition(string? region) =>
            string.IsNullOrEmpty(region) ? "aws" : Amazon.RegionEndpoint.GetBySystemName(region).PartitionName ?? "aws";

        /// <summary>True for a value that is already an ARN.</summary>
        public static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

        /// <summary>A bucket ARN: <c>arn:&lt;partition&gt;:s3:::&lt;name&gt;</c>.</summary>
        public static string Bucket(string partition, string name) => $"arn:{partition}:s3:::{name}";

        /// <summary>An object ARN: <c>arn:&lt;partition&gt;:s3:::&lt;bucket&gt;/&lt;key&gt;</c>.</summary>
        public static string Object(string partition, string bucket, string key) => $"arn:{partition}:s3:::{bucket}/{key}";

        /// <summary>An IAM role ARN from a role name, with or without a path.</summary>
        public static string Role(string partition, string accountId, string nameOrPath)
        {
            var path = nameOrPath.TrimStart('/');
            if (path.StartsWith("role/", StringComparison.Ordinal))
            {
                path = path.Substring(5);
            }

            return $"arn:{partition}:iam::{accountId}:role/{path}";
        }

        /// <summary>Replaces the partition of an ARN that the module made from a name.</summary>
        public static string WithPartition(string arn, string partition)
        {
            var second = arn.IndexOf(':', 4);
            return IsArn(arn) && second > 0 ? $"arn:{partition}{arn.Substring(second)}" : arn;
        }

        /// <summary>True for a directory bucket name (…--x-s3), which needs an s3express ARN.</summary>
        public static bool IsDirectoryBucketName(string name) => name.EndsWith("--x-s3", StringComparison.Ordinal);
    }
}
