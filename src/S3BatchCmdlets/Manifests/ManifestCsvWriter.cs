using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace S3Batch.Manifests
{
    /// <summary>
    /// Writes a CSV manifest in the S3BatchOperations_CSV_20180820 format, one row at a time:
    /// <c>bucket,key</c> or <c>bucket,key,versionId</c>, no header, keys percent-encoded by
    /// <see cref="ManifestKeyEncoding.Encode"/>.
    /// </summary>
    /// <remarks>
    /// <para>Format: "Specifying a manifest",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest
    /// ("Each row in the file must include the bucket name, object key, and optionally, the object
    /// version. Object keys must be URL-encoded [...] The manifest must either include version IDs
    /// for all objects or omit version IDs for all objects."), and the Fields of JobManifestSpec,
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_JobManifestSpec.html.</para>
    /// <para>Each row ends with a line feed (<c>\n</c>) on every platform, not
    /// <see cref="Environment.NewLine"/>: AWS's example manifests and the result files S3 Batch
    /// Operations writes itself use LF, and a manifest built on Windows must be the same bytes
    /// (and so have the same ETag) as one built elsewhere. The text is UTF-8 without a byte order
    /// mark (a BOM would become part of the first bucket name); since keys are encoded, it is ASCII.</para>
    /// <para>Bucket names are written as given (they are DNS-style names); version ids too, as in
    /// AWS's example (<c>Examplebucket,objectkey1,PZ9ibn9D5lP6p298B7S9_ceqx1n5EJ0p</c>): S3 version
    /// ids are URL-safe. Either is refused if it holds a comma, a double quote or a line break,
    /// which would break the row.</para>
    /// <para>Memory stays constant whatever the row count: rows go straight to a buffered writer
    /// and nothing is kept but the counters.</para>
    /// </remarks>
    public sealed class ManifestCsvWriter : IDisposable
    {
        /// <summary>The size of the buffer in front of a stream, in bytes.</summary>
        public const int StreamBufferSize = 64 * 1024;

        private static readonly string[] FieldsWithoutVersion = { "Bucket", "Key" };
        private static readonly string[] FieldsWithVersion = { "Bucket", "Key", "VersionId" };

        private readonly TextWriter _writer;
        private readonly bool _leaveOpen;
        private char[] _encodeBuffer = new char[1024];
        private bool? _hasVersionIds;
        private bool _disposed;

        /// <summary>Writes the manifest to a stream, as UTF-8 without a byte order mark.</summary>
        /// <param name="stream">Where the manifest goes.</param>
        /// <param name="leaveOpen">Leave <paramref name="stream"/> open on <see cref="Dispose"/>.</param>
        public ManifestCsvWriter(Stream stream, bool leaveOpen = false)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), StreamBufferSize, leaveOpen);
            _leaveOpen = false;
        }

        /// <summary>Writes the manifest to a text writer (which should not add a byte order mark).</summary>
        /// <param name="writer">Where the manifest goes.</param>
        /// <param name="leaveOpen">Leave <paramref name="writer"/> open on <see cref="Dispose"/>.</param>
        public ManifestCsvWriter(TextWriter writer, bool leaveOpen = false)
        {
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
            _leaveOpen = leaveOpen;
        }

        /// <summary>The number of rows written.</summary>
        public long RowCount { get; private set; }

        /// <summary>
        /// Whether the rows carry version ids (false before the first row). The manifest's
        /// <c>Spec.Fields</c> is <see cref="Fields"/>.
        /// </summary>
        public bool HasVersionIds => _hasVersionIds == true;

        /// <summary>
        /// The manifest's <c>Spec.Fields</c>: <c>Bucket, Key</c>, or <c>Bucket, Key, VersionId</c>
        /// when the rows carry version ids. A new array on each call.
        /// </summary>
        public IReadOnlyList<string> Fields => (string[])(HasVersionIds ? FieldsWithVersion : FieldsWithoutVersion).Clone();

        /// <summary>Writes one row.</summary>
        /// <param name="bucket">The bucket name (not encoded).</param>
        /// <param name="key">The object key, as S3 names it; it is percent-encoded here.</param>
        /// <param name="versionId">The version id, or null or empty for none.</param>
        /// <exception cref="ArgumentException">An empty bucket or key, a bucket or version id that
        /// would break the row, or a key with a lone surrogate.</exception>
        /// <exception cref="ManifestMixedVersionIdsException">This row has a version id and the rows
        /// before it have none, or the other way round. The row is not written.</exception>
        public void WriteRow(string bucket, string key, string? versionId = null)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(ManifestCsvWriter));
            }

            CheckField(bucket, nameof(bucket), "bucket name");
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (key.Length == 0)
            {
                throw new ArgumentException("An object key cannot be empty.", nameof(key));
            }

            bool hasVersion = !string.IsNullOrEmpty(versionId);
            if (hasVersion)
            {
                CheckField(versionId!, nameof(versionId), "version id");
            }

            if (_hasVersionIds is bool expected && expected != hasVersion)
            {
                throw new ManifestMixedVersionIdsException(RowCount + 1, bucket, key, hasVersion);
            }

            // Encode before the first write, so that a refused key leaves no half row behind.
            int encodedLength = ManifestKeyEncoding.EncodeToBuffer(key, ref _encodeBuffer);
            _writer.Write(bucket);
            _writer.Write(',');
            if (encodedLength < 0)
            {
                _writer.Write(key);
            }
            else
            {
                _writer.Write(_encodeBuffer, 0, encodedLength);
            }

            if (hasVersion)
            {
                _writer.Write(',');
                _writer.Write(versionId);
            }

            _writer.Write('\n');
            _hasVersionIds = hasVersion;
            RowCount++;
        }

        private static void CheckField(string value, string parameterName, string what)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameterName);
            }

            if (value.Length == 0)
            {
                throw new ArgumentException($"A {what} cannot be empty.", parameterName);
            }

            int bad = value.IndexOfAny(ForbiddenInPlainFields);
            if (bad >= 0)
            {
                throw new ArgumentException(
                    $"The {what} '{value}' has a {Describe(value[bad])} at position {bad}, which would break the manifest row. A valid {what} never has one: check the input.",
                    parameterName);
            }
        }

        private static readonly char[] ForbiddenInPlainFields = { ',', '"', '\r', '\n' };

        private static string Describe(char c) => c switch
        {
            ',' => "comma",
            '"' => "double quote",
            '\r' => "carriage return",
            _ => "line feed",
        };

        /// <summary>Writes buffered rows to the underlying stream or writer.</summary>
        public void Flush() => _writer.Flush();

        /// <summary>Flushes, and closes the stream or writer unless asked to leave it open.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_leaveOpen)
            {
                _writer.Flush();
            }
            else
            {
                _writer.Dispose();
            }
        }
    }
}
