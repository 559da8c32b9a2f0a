using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using S3Batch.Manifests;
using Xunit;

namespace S3Batch.Tests.Manifests
{
    // Writer -> CSV bytes -> reader gives back the same rows.
    public sealed class ManifestRoundTripTests
    {
        public static readonly TheoryData<string> AwkwardKeys = new TheoryData<string>
        {
            "plain/key.txt",
            "object key with spaces",
            "a+b+c",
            "50% off",
            "%20 literally",
            "%2520",
            "comma,separated,key",
            "\"quoted\"",
            "line\r\nbreak\rand\nmore",
            "tab\tand\u000B\u000C\0nul",
            "\u0001\u001F\u007F\u0080\u009F",
            "café/naïve/Ærøskøbing",
            "日本語のキー",
            "emoji 😀/👍🏽/🇩🇪",
            "\U0001F600\U00010000\U0010FFFF",
            "/leading/and/trailing/",
            "~tilde~-_.",
            "../../etc/passwd",
            " ",
            "+",
            "%",
            "\uFEFFbom",
            new string('x', 1024),
            string.Concat(Enumerable.Repeat("é", 512)), // 1024 bytes of 2-byte UTF-8
            string.Concat(Enumerable.Repeat("€", 341)) + "x", // 1024 bytes of 3-byte UTF-8
        };

        [Theory]
        [MemberData(nameof(AwkwardKeys))]
        public void AwkwardKeysRoundTrip(string key)
        {
            var rows = new[] { new ManifestRow("bucket-1", key, null), new ManifestRow("bucket.two", key + "2", null) };
            AssertRoundTrip(rows);
            AssertRoundTrip(rows.Select(r => new ManifestRow(r.Bucket, r.Key, "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo")).ToArray());
        }

        [Fact]
        public void TenThousandRandomUnicodeKeysRoundTrip()
        {
            var random = new Random(20180820);
            var rows = new List<ManifestRow>(10_000);
            for (int i = 0; i < 10_000; i++)
            {
                rows.Add(new ManifestRow("bucket-" + (i % 7), RandomKey(random), null));
            }

            Assert.Contains(rows, r => Encoding.UTF8.GetByteCount(r.Key) == 1024);
            Assert.Contains(rows, r => r.Key.Any(char.IsSurrogate));
            Assert.Contains(rows, r => r.Key.Any(c => c < 0x20));
            byte[] csv = AssertRoundTrip(rows);

            // The manifest is printable ASCII, one row a line.
            int newlines = 0;
            for (int i = 0; i < csv.Length; i++)
            {
                byte b = csv[i];
                if (b == (byte)'\n')
                {
                    newlines++;
                }
                else if (b < 0x21 || b > 0x7E)
                {
                    Assert.Fail($"byte 0x{b:X2} at offset {i}");
                }
            }

            Assert.Equal(10_000, newlines);
        }

        [Fact]
        public void RandomKeysWithVersionIdsRoundTrip()
        {
            var random = new Random(42);
            var rows = Enumerable.Range(0, 500)
                .Select(i => new ManifestRow("b", RandomKey(random), "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "._-xyz"))
                .ToList();
            AssertRoundTrip(rows);
        }

        // A key of 1 to 1024 UTF-8 bytes drawn from all of Unicode: ASCII (controls included),
        // C1 controls, the rest of the BMP (no surrogates) and the supplementary planes.
        internal static string RandomKey(Random random)
        {
            int targetBytes = random.Next(10) == 0 ? 1024 : random.Next(1, 1025);
            var key = new StringBuilder();
            int bytes = 0;
            while (true)
            {
                int codePoint = random.Next(6) switch
                {
                    0 => random.Next(0x00, 0x80),
                    1 => random.Next(0x20, 0x7F),
                    2 => random.Next(0x80, 0x800),
                    3 => NonSurrogate(random.Next(0x800, 0x10000)),
                    4 => random.Next(0x10000, 0x110000),
                    _ => "/ +%,\"\r\n\t"[random.Next(9)],
                };
                int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                if (bytes + size > targetBytes)
                {
                    if (bytes == 0)
                    {
                        continue;
                    }

                    // Top up with ASCII to hit the target exactly.
                    while (bytes < targetBytes)
                    {
                        key.Append('z');
                        bytes++;
                    }

                    return key.ToString();
                }

                if (codePoint < 0x10000)
                {
                    key.Append((char)codePoint);
                }
                else
                {
                    key.Append(char.ConvertFromUtf32(codePoint));
                }

                bytes += size;
                if (bytes == targetBytes)
                {
                    return key.ToString();
                }
            }
        }

        private static int NonSurrogate(int codePoint) => codePoint >= 0xD800 && codePoint <= 0xDFFF ? codePoint - 0x1000 : codePoint;

        private static byte[] AssertRoundTrip(IReadOnlyList<ManifestRow> rows)
        {
            var stream = new MemoryStream();
            using (var writer = new ManifestCsvWriter(stream, leaveOpen: true))
            {
                foreach (ManifestRow row in rows)
                {
                    writer.WriteRow(row.Bucket, row.Key, row.VersionId);
                }

                Assert.Equal(rows.Count, writer.RowCount);
                Assert.Equal(rows[0].VersionId is not null, writer.HasVersionIds);
            }

            byte[] bytes = stream.ToArray();
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false));
            List<ManifestRow> read = ManifestCsvReader.Read(reader).ToList();
            Assert.Equal(rows.Count, read.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].Bucket, read[i].Bucket);
                Assert.Equal(rows[i].Key, read[i].Key);
                Assert.Equal(rows[i].VersionId, read[i].VersionId);
            }

            return bytes;
        }
    }
}
