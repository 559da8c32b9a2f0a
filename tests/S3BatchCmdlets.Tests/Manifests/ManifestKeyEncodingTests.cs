using System;
using System.Text;
using S3Batch.Manifests;
using Xunit;

namespace S3Batch.Tests.Manifests
{
    // Keys in a CSV manifest must be URL-encoded:
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest
    public sealed class ManifestKeyEncodingTests
    {
        [Theory]
        [InlineData("objectkey1", "objectkey1")]
        [InlineData("photos/jpgs/newjersey/objectkey5", "photos/jpgs/newjersey/objectkey5")]
        [InlineData("AZaz09-_.~/", "AZaz09-_.~/")]
        [InlineData("object key with spaces", "object%20key%20with%20spaces")] // AWS's own example row
        [InlineData("a+b", "a%2Bb")]
        [InlineData("100%", "100%25")]
        [InlineData("%20", "%2520")]
        [InlineData("a,b", "a%2Cb")]
        [InlineData("say \"hi\"", "say%20%22hi%22")]
        [InlineData("it's", "it%27s")]
        [InlineData("line\r\nbreak", "line%0D%0Abreak")]
        [InlineData("cr\rlf\n", "cr%0Dlf%0A")]
        [InlineData("tab\there", "tab%09here")]
        [InlineData("\0\u0001\u001F\u007F", "%00%01%1F%7F")]
        [InlineData("?#&=;:@!$*()[]{}|\\^`<>", "%3F%23%26%3D%3B%3A%40%21%24%2A%28%29%5B%5D%7B%7D%7C%5C%5E%60%3C%3E")]
        [InlineData("\u0080\u009F", "%C2%80%C2%9F")] // C1 control characters
        [InlineData("café", "caf%C3%A9")]
        [InlineData("日本語/ファイル", "%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB")]
        [InlineData("\uFEFF\uFFFD\uFFFF", "%EF%BB%BF%EF%BF%BD%EF%BF%BF")]
        [InlineData("smile 😀", "smile%20%F0%9F%98%80")] // 4-byte UTF-8 (a surrogate pair in .NET)
        [InlineData("\U0010FFFF", "%F4%8F%BF%BF")] // the last code point
        public void EncodesEachAwkwardCharacterClass(string key, string expected)
        {
            Assert.Equal(expected, ManifestKeyEncoding.Encode(key));
            Assert.Equal(key, ManifestKeyEncoding.Decode(expected));
        }

        [Fact]
        public void EncodedKeysArePlainAsciiWithoutCsvSpecials()
        {
            var all = new StringBuilder();
            for (int c = 0; c < 0xD800; c++)
            {
                all.Append((char)c);
            }

            string encoded = ManifestKeyEncoding.Encode(all.ToString());
            int bad = encoded.AsSpan().IndexOfAnyExceptInRange('!', '~');
            Assert.True(bad < 0, $"char U+{(bad < 0 ? 0 : encoded[bad]):X4} at {bad}");
            Assert.Equal(-1, encoded.AsSpan().IndexOfAny(",\"+ "));

            Assert.Equal(all.ToString(), ManifestKeyEncoding.Decode(encoded));
        }

        [Fact]
        public void HexDigitsAreUppercase()
        {
            Assert.Equal("%C3%BF%3A/", ManifestKeyEncoding.Encode("ÿ:/"));
            Assert.Equal("%C3%BF%C2%AB%C3%8D", ManifestKeyEncoding.Encode("\u00FF\u00AB\u00CD"));
        }

        [Fact]
        public void A1024ByteKeyRoundTrips()
        {
            // 1024 bytes of UTF-8: 256 four-byte characters, the longest key S3 allows.
            var builder = new StringBuilder();
            for (int i = 0; i < 256; i++)
            {
                builder.Append(char.ConvertFromUtf32(0x1F600 + (i % 64)));
            }

            string key = builder.ToString();
            Assert.Equal(1024, Encoding.UTF8.GetByteCount(key));
            string encoded = ManifestKeyEncoding.Encode(key);
            Assert.Equal(1024 * 3, encoded.Length);
            Assert.Equal(key, ManifestKeyEncoding.Decode(encoded));

            string ascii = new string('k', 1024);
            Assert.Same(ascii, ManifestKeyEncoding.Encode(ascii));
        }

        [Fact]
        public void LoneSurrogatesAreRefused()
        {
            // (Not InlineData: xunit would serialise these strings, turning lone surrogates into U+FFFD.)
            foreach (string key in new[] { "\uD800", "a\uDC00b", "end\uD83D", "\uDE00\uD83D" })
            {
                var e = Assert.Throws<ArgumentException>(() => ManifestKeyEncoding.Encode(key));
                Assert.Equal("key", e.ParamName);
                Assert.Contains("surrogate", e.Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void NullIsRefused()
        {
            Assert.Throws<ArgumentNullException>(() => ManifestKeyEncoding.Encode(null!));
            Assert.Throws<ArgumentNullException>(() => ManifestKeyEncoding.Decode(null!));
        }

        [Theory]
        [InlineData("a+b", "a+b")]
        [InlineData("a%2Bb", "a+b")]
        [InlineData("a%20b", "a b")]
        [InlineData("caf%c3%a9", "café")] // lowercase hex is accepted
        [InlineData("not encoded, at all", "not encoded, at all")]
        [InlineData("ünïcode raw", "ünïcode raw")]
        public void DecodeKeepsPlusAndUnencodedText(string encoded, string expected)
        {
            Assert.Equal(expected, ManifestKeyEncoding.Decode(encoded));
        }

        [Theory]
        [InlineData("a+b", "a b")]
        [InlineData("a%2Bb+c", "a+b c")]
        public void DecodeReadsPlusAsSpaceOnlyWhenAsked(string encoded, string expected)
        {
            Assert.Equal(expected, ManifestKeyEncoding.Decode(encoded, plusAsSpace: true));
        }

        [Theory]
        [InlineData("%")]
        [InlineData("abc%2")]
        [InlineData("%G0")]
        [InlineData("%%20")]
        [InlineData("%C3")] // truncated two-byte sequence
        [InlineData("%C3x")] // interrupted sequence
        [InlineData("%C0%AF")] // overlong
        [InlineData("%ED%A0%80")] // an encoded surrogate
        [InlineData("%F4%90%80%80")] // above U+10FFFF
        [InlineData("%FF")]
        [InlineData("%80")] // a lone continuation byte
        public void DecodeRefusesMalformedEscapesAndNonUtf8(string encoded)
        {
            Assert.Throws<FormatException>(() => ManifestKeyEncoding.Decode(encoded));
        }
    }
}
