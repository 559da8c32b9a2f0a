using System;
using System.Collections.Generic;
using System.IO;

namespace S3Batch.Manifests
{
    /// <summary>One row of a CSV manifest: a bucket, a key (decoded) and an optional version id.</summary>
    public sealed class ManifestRow
    {
        /// <summary>Creates a row.</summary>
        /// <param name="bucket">The bucket name.</param>
        /// <param name="key">The object key, decoded.</param>
        /// <param name="versionId">The version id, or null.</param>
        public ManifestRow(string bucket, string key, string? versionId)
        {
            Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
            Key = key ?? throw new ArgumentNullException(nameof(key));
            VersionId = versionId;
        }

        /// <summary>The bucket name.</summary>
        public string Bucket { get; }

        /// <summary>The object key, decoded.</summary>
        public string Key { get; }

        /// <summary>The version id, or null when the row has none.</summary>
        public string? VersionId { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            VersionId is null ? $"s3://{Bucket}/{Key}" : $"s3://{Bucket}/{Key}?versionId={VersionId}";
    }

    /// <summary>
    /// Reads a CSV manifest in the S3BatchOperations_CSV_20180820 format as
    /// <see cref="ManifestCsvWriter"/> writes it (and as AWS documents it:
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest):
    /// <c>bucket,key[,versionId]</c> with percent-encoded keys, no header, no quoting.
    /// </summary>
    public static class ManifestCsvReader
    {
        /// <summary>
        /// Reads the rows one at a time (nothing is kept between them). Lines may end in <c>\n</c>
        /// or <c>\r\n</c>; empty lines are skipped; an empty version id is read as none.
        /// </summary>
        /// <param name="reader">The manifest text.</param>
        /// <returns>The rows, lazily.</returns>
        /// <exception cref="ManifestFormatException">(While enumerating) a line that is not
        /// <c>bucket,key[,versionId]</c> or whose key cannot be decoded; it names the line.</exception>
        public static IEnumerable<ManifestRow> Read(TextReader reader)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            return ReadIterator(reader);
        }

        private static IEnumerable<ManifestRow> ReadIterator(TextReader reader)
        {
            long lineNumber = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                yield return ParseLine(line, lineNumber);
            }
        }

        private static ManifestRow ParseLine(string line, long lineNumber)
        {
            if (line.IndexOf('"') >= 0)
            {
                throw new ManifestFormatException(lineNumber,
                    "it has a double quote. Manifest fields are never quoted: keys are percent-encoded, so a quote in a key is written %22.");
            }

            int firstComma = line.IndexOf(',');
            if (firstComma < 0)
            {
                throw new ManifestFormatException(lineNumber, "it has one field; a manifest row is bucket,key or bucket,key,versionId.");
            }

            int secondComma = line.IndexOf(',', firstComma + 1);
            if (secondComma >= 0 && line.IndexOf(',', secondComma + 1) >= 0)
            {
                throw new ManifestFormatException(lineNumber,
                    "it has more than three fields; a manifest row is bucket,key or bucket,key,versionId (a comma in a key is written %2C).");
            }

            string bucket = line.Substring(0, firstComma);
            int keyEnd = secondComma < 0 ? line.Length : secondComma;
            string encodedKey = line.Substring(firstComma + 1, keyEnd - firstComma - 1);
            string? versionId = secondComma < 0 || secondComma == line.Length - 1 ? null : line.Substring(secondComma + 1);
            if (bucket.Length == 0)
            {
                throw new ManifestFormatException(lineNumber, "the bucket name is empty.");
            }

            if (encodedKey.Length == 0)
            {
                throw new ManifestFormatException(lineNumber, "the key is empty.");
            }

            string key;
            try
            {
                key = ManifestKeyEncoding.Decode(encodedKey);
            }
            catch (FormatException e)
            {
                throw new ManifestFormatException(lineNumber, $"the key '{encodedKey}' cannot be decoded: {e.Message}", e);
            }

            return new ManifestRow(bucket, key, versionId);
        }
    }
}
