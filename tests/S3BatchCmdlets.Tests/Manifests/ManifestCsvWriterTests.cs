using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using S3Batch.Manifests;
using Xunit;

namespace S3Batch.Tests.Manifests
{
    // Format: https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest
    public sealed class ManifestCsvWriterTests
    {
        private static string Write(Action<ManifestCsvWriter> rows)
        {
            var stream = new MemoryStream();
            using (var writer = new ManifestCsvWriter(stream, leaveOpen: true))
            {
                rows(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        [Fact]
        public void WritesAwsExampleRowsWithoutVersionIds()
        {
            string csv = Write(w =>
            {
                w.WriteRow("Examplebucket", "objectkey1");
                w.WriteRow("Examplebucket", "photos/jpgs/objectkey4");
                w.WriteRow("Examplebucket", "object key with spaces");
                Assert.Equal(3, w.RowCount);
                Assert.False(w.HasVersionIds);
                Assert.Equal("Bucket,Key", string.Join(",", w.Fields));
            });

            Assert.Equal("Examplebucket,objectkey1\nExamplebucket,photos/jpgs/objectkey4\nExamplebucket,object%20key%20with%20spaces\n", csv);
        }

        [Fact]
        public void WritesAwsExampleRowsWithVersionIds()
        {
            string csv = Write(w =>
            {
                w.WriteRow("Examplebucket", "objectkey1", "PZ9ibn9D5lP6p298B7S9_ceqx1n5EJ0p");
                w.WriteRow("Examplebucket", "object key with spaces", "9HkPvDaZY5MVbMhn6TMn1YTb5ArQAo3w");
                Assert.True(w.HasVersionIds);
                Assert.Equal("Bucket,Key,VersionId", string.Join(",", w.Fields));
            });

            Assert.Equal(
                "Examplebucket,objectkey1,PZ9ibn9D5lP6p298B7S9_ceqx1n5EJ0p\nExamplebucket,object%20key%20with%20spaces,9HkPvDaZY5MVbMhn6TMn1YTb5ArQAo3w\n",
                csv);
        }

        [Fact]
        public void UsesLfAndNoByteOrderMarkOnEveryPlatform()
        {
            var stream = new MemoryStream();
            using (var writer = new ManifestCsvWriter(stream, leaveOpen: true))
            {
                writer.WriteRow("b", "ü");
            }

            Assert.Equal(Encoding.ASCII.GetBytes("b,%C3%BC\n"), stream.ToArray());
        }

        [Fact]
        public void WritesToATextWriter()
        {
            var text = new StringWriter();
            using (var writer = new ManifestCsvWriter(text, leaveOpen: true))
            {
                writer.WriteRow("b", "a+b c");
            }

            Assert.Equal("b,a%2Bb%20c\n", text.ToString());
            text.Write("still open");
        }

        [Fact]
        public void DisposingClosesTheStreamUnlessLeftOpen()
        {
            var stream = new MemoryStream();
            new ManifestCsvWriter(stream).Dispose();
            Assert.False(stream.CanWrite);

            var kept = new MemoryStream();
            new ManifestCsvWriter(kept, leaveOpen: true).Dispose();
            Assert.True(kept.CanWrite);
        }

        [Fact]
        public void RefusesARowWithoutVersionIdAfterRowsWithOne()
        {
            var text = new StringWriter();
            using var writer = new ManifestCsvWriter(text, leaveOpen: true);
            writer.WriteRow("b", "k1", "v1");
            writer.WriteRow("b", "k2", "v2");
            var e = Assert.Throws<ManifestMixedVersionIdsException>(() => writer.WriteRow("b", "k 3"));

            Assert.IsAssignableFrom<InvalidOperationException>(e);
            Assert.Equal("MixedVersionIds", e.ErrorId);
            Assert.Equal(3, e.RowNumber);
            Assert.Equal("k 3", e.Key);
            Assert.False(e.RowHasVersionId);
            Assert.Contains("row 3", e.Message, StringComparison.Ordinal);
            Assert.Contains("s3://b/k 3", e.Message, StringComparison.Ordinal);
            Assert.Contains("every row", e.Message, StringComparison.Ordinal);
            Assert.Equal(2, writer.RowCount);
            writer.Flush();
            Assert.Equal("b,k1,v1\nb,k2,v2\n", text.ToString());
        }

        [Fact]
        public void RefusesARowWithVersionIdAfterRowsWithout()
        {
            using var writer = new ManifestCsvWriter(new StringWriter());
            writer.WriteRow("b", "k1");
            writer.WriteRow("b", "k2", string.Empty); // empty is no version id
            var e = Assert.Throws<ManifestMixedVersionIdsException>(() => writer.WriteRow("b", "k3", "v3"));
            Assert.Equal(3, e.RowNumber);
            Assert.True(e.RowHasVersionId);
            Assert.False(writer.HasVersionIds);

            // The writer goes on with rows of the first kind.
            writer.WriteRow("b", "k4");
            Assert.Equal(3, writer.RowCount);
        }

        [Theory]
        [InlineData("")]
        [InlineData("a,b")]
        [InlineData("a\"b")]
        [InlineData("a\nb")]
        [InlineData("a\rb")]
        public void RefusesBucketNamesThatWouldBreakTheRow(string bucket)
        {
            using var writer = new ManifestCsvWriter(new StringWriter());
            var e = Assert.Throws<ArgumentException>(() => writer.WriteRow(bucket, "k"));
            Assert.Equal("bucket", e.ParamName);
            Assert.Equal(0, writer.RowCount);
        }

        [Theory]
        [InlineData("v,1")]
        [InlineData("v\n1")]
        [InlineData("v\"1")]
        public void RefusesVersionIdsThatWouldBreakTheRow(string versionId)
        {
            using var writer = new ManifestCsvWriter(new StringWriter());
            var e = Assert.Throws<ArgumentException>(() => writer.WriteRow("b", "k", versionId));
            Assert.Equal("versionId", e.ParamName);
        }

        [Fact]
        public void RefusesEmptyKeysAndLoneSurrogatesWithoutWritingHalfARow()
        {
            var text = new StringWriter();
            using (var writer = new ManifestCsvWriter(text, leaveOpen: true))
            {
                Assert.Throws<ArgumentException>(() => writer.WriteRow("b", string.Empty));
                Assert.Throws<ArgumentNullException>(() => writer.WriteRow("b", null!));
                Assert.Throws<ArgumentException>(() => writer.WriteRow("b", "bad\uD800key"));
                writer.WriteRow("b", "good");
            }

            Assert.Equal("b,good\n", text.ToString());
        }

        [Fact]
        public void RefusesWritesAfterDispose()
        {
            var writer = new ManifestCsvWriter(new StringWriter());
            writer.Dispose();
            Assert.Throws<ObjectDisposedException>(() => writer.WriteRow("b", "k"));
        }

        [Fact]
        public void StreamsRowsWithoutKeepingThem()
        {
            const int rows = 200_000;
            const string bucket = "stream-bucket";
            string[] keys = { "plain/key-0001.txt", "needs encoding/ü+%,\"\n.txt" };
            long[] rowBytes =
            {
                bucket.Length + 1 + ManifestKeyEncoding.Encode(keys[0]).Length + 1,
                bucket.Length + 1 + ManifestKeyEncoding.Encode(keys[1]).Length + 1,
            };

            var sink = new CountingStream();
            using var writer = new ManifestCsvWriter(sink);
            writer.WriteRow(bucket, keys[0]); // warm up
            long written = rowBytes[0];
            long allocatedBefore = 0;
            for (int i = 1; i < rows; i++)
            {
                writer.WriteRow(bucket, keys[i % 2]);
                written += rowBytes[i % 2];
                if (i == rows / 2)
                {
                    // Rows already reached the stream: only the writer's buffer is held back.
                    Assert.InRange(sink.BytesWritten, written - (2 * ManifestCsvWriter.StreamBufferSize), written);

                    // Measured from here, past the writer's one-time buffers.
                    allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            writer.Flush();

            Assert.Equal(rows, writer.RowCount);
            Assert.Equal(written, sink.BytesWritten);

            // 100,000 rows kept in any form would take megabytes; writing them allocated next to nothing.
            Assert.True(allocated < 16 * 1024, $"writing {rows / 2} rows allocated {allocated} bytes");

            // And the writer has no collection of rows.
            foreach (FieldInfo field in typeof(ManifestCsvWriter).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
            {
                object? value = field.GetValue(writer);
                if (value is char[] buffer)
                {
                    Assert.True(buffer.Length <= 4096, $"{field.Name} has {buffer.Length} chars");
                }
                else
                {
                    Assert.False(value is IEnumerable and not string, $"{field.Name} is a collection");
                }
            }
        }

        private sealed class CountingStream : Stream
        {
            public long BytesWritten { get; private set; }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => BytesWritten;

            public override long Position
            {
                get => BytesWritten;
                set => throw new NotSupportedException();
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => BytesWritten += count;
        }
    }
}
