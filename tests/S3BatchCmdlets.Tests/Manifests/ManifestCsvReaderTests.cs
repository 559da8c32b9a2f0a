using System;
using System.IO;
using System.Linq;
using S3Batch.Manifests;
using Xunit;

namespace S3Batch.Tests.Manifests
{
    public sealed class ManifestCsvReaderTests
    {
        [Fact]
        public void ReadsAwsExamplesWithLfOrCrlf()
        {
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest
            foreach (string newline in new[] { "\n", "\r\n" })
            {
                string csv = string.Join(newline,
                    "Examplebucket,objectkey1,PZ9ibn9D5lP6p298B7S9_ceqx1n5EJ0p",
                    "Examplebucket,photos/jpgs/newjersey/objectkey5,imHf3FAiRsvBW_EHB8GOu.NHunHO1gVs",
                    "Examplebucket,object%20key%20with%20spaces,9HkPvDaZY5MVbMhn6TMn1YTb5ArQAo3w") + newline;
                var rows = ManifestCsvReader.Read(new StringReader(csv)).ToList();

                Assert.Equal(3, rows.Count);
                Assert.Equal("Examplebucket", rows[2].Bucket);
                Assert.Equal("object key with spaces", rows[2].Key);
                Assert.Equal("9HkPvDaZY5MVbMhn6TMn1YTb5ArQAo3w", rows[2].VersionId);
                Assert.Equal("photos/jpgs/newjersey/objectkey5", rows[1].Key);
            }
        }

        [Fact]
        public void ReadsRowsWithoutVersionIdsAndSkipsEmptyLines()
        {
            var rows = ManifestCsvReader.Read(new StringReader("b,k1\n\nb,k%2B2,\nb,k3")).ToList();
            Assert.Equal("k1|k+2|k3", string.Join("|", rows.Select(r => r.Key)));
            Assert.All(rows, r => Assert.Null(r.VersionId));
        }

        [Fact]
        public void ReadsLazily()
        {
            var reader = new StringReader("b,k1\nb,%ZZ\n");
            using var rows = ManifestCsvReader.Read(reader).GetEnumerator();
            Assert.True(rows.MoveNext());
            Assert.Equal("k1", rows.Current.Key);
            Assert.Throws<ManifestFormatException>(() => rows.MoveNext());
        }

        [Theory]
        [InlineData("b,k\nb,bad%zzkey\n", 2, "cannot be decoded")]
        [InlineData("b,k\r\nb,k\r\nb,%C3\r\n", 3, "cannot be decoded")]
        [InlineData("b,k\nnocomma\n", 2, "one field")]
        [InlineData("b,k,v,extra\n", 1, "more than three")]
        [InlineData("b,k\n\n,k\n", 3, "bucket name is empty")]
        [InlineData("b,\n", 1, "key is empty")]
        [InlineData("b,\"quoted\"\n", 1, "double quote")]
        public void NamesTheLineThatCannotBeRead(string csv, long line, string reason)
        {
            var e = Assert.Throws<ManifestFormatException>(() => ManifestCsvReader.Read(new StringReader(csv)).ToList());
            Assert.Equal(line, e.LineNumber);
            Assert.Equal("ManifestFormat", e.ErrorId);
            Assert.Contains($"line {line}", e.Message, StringComparison.Ordinal);
            Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void RefusesANullReader()
        {
            Assert.Throws<ArgumentNullException>(() => ManifestCsvReader.Read(null!));
        }
    }
}
