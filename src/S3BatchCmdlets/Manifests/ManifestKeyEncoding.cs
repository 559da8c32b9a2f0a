using System;

namespace S3Batch.Manifests
{
    /// <summary>
    /// Percent-encoding of object keys for the S3BatchOperations_CSV_20180820 manifest format,
    /// and the decoding of keys read back from manifests and completion reports.
    /// </summary>
    /// <remarks>
    /// <para>
    /// AWS: "Object keys must be URL-encoded" ("Specifying a manifest",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest;
    /// its example row is <c>Examplebucket,object%20key%20with%20spaces</c>).
    /// </para>
    /// <para>
    /// <see cref="Encode"/> takes the key's UTF-8 bytes and writes every byte as <c>%XX</c>
    /// (uppercase hex) except the RFC 3986 unreserved characters <c>A-Z a-z 0-9 - _ . ~</c> and
    /// <c>/</c>. So a space is <c>%20</c> (never <c>+</c>), a <c>+</c> is <c>%2B</c>, a <c>%</c> is
    /// <c>%25</c>, and commas, quotes, CR and LF never reach the CSV: an encoded key needs no CSV
    /// quoting, and the manifest is plain ASCII.
    /// </para>
    /// <para>
    /// Keys are UTF-8 in S3, and a .NET string with a lone surrogate has no UTF-8 form, so
    /// <see cref="Encode"/> refuses it with an <see cref="ArgumentException"/> rather than
    /// writing U+FFFD in its place (which would name another object).
    /// </para>
    /// <para>
    /// <see cref="Decode(string)"/> reverses <see cref="Encode"/> exactly. It also accepts what a
    /// person or another tool may have written: characters that were not encoded pass through
    /// unchanged, and a <c>+</c> stays a <c>+</c> (a space is a space only as <c>%20</c>), unless
    /// the caller asks for form decoding with <see cref="Decode(string, bool)"/>: S3 Inventory
    /// reports, which Batch Operations also takes as manifests, write a space as <c>+</c>.
    /// A malformed escape (<c>%</c> not followed by two hex digits) or escaped bytes that are not
    /// UTF-8 are refused with a <see cref="FormatException"/>.
    /// </para>
    /// </remarks>
    public static class ManifestKeyEncoding
    {
        private const string HexDigits = "0123456789ABCDEF";

        // The most one UTF-16 char can grow to: three UTF-8 bytes, each written as %XX.
        internal const int MaxEncodedCharsPerChar = 9;

        /// <summary>True for the characters written as themselves: A-Z a-z 0-9 - _ . ~ and /.</summary>
        /// <param name="c">The character.</param>
        /// <returns>Whether <paramref name="c"/> is left unencoded.</returns>
        public static bool IsUnencoded(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';

        /// <summary>Percent-encodes an object key for a CSV manifest.</summary>
        /// <param name="key">The object key, as S3 names it.</param>
        /// <returns>The encoded key: ASCII only, without commas, quotes or line breaks.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="key"/> holds a lone surrogate.</exception>
        public static string Encode(string key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            int first = FirstToEncode(key);
            if (first < 0)
            {
                return key;
            }

            char[] buffer = new char[checked(key.Length * MaxEncodedCharsPerChar)];
            int length = EncodeInto(key, first, buffer);
            return new string(buffer, 0, length);
        }

        /// <summary>
        /// Encodes <paramref name="key"/> into <paramref name="buffer"/> (grown when too small), so
        /// that a stream of keys allocates no strings.
        /// </summary>
        /// <returns>The number of chars written, or -1 when the key needs no encoding (use it as it is).</returns>
        internal static int EncodeToBuffer(string key, ref char[] buffer)
        {
            int first = FirstToEncode(key);
            if (first < 0)
            {
                return -1;
            }

            int needed = checked(key.Length * MaxEncodedCharsPerChar);
            if (buffer.Length < needed)
            {
                buffer = new char[Math.Max(needed, buffer.Length * 2)];
            }

            return EncodeInto(key, first, buffer);
        }

        private static int FirstToEncode(string key)
        {
            for (int i = 0; i < key.Length; i++)
            {
                if (!IsUnencoded(key[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        // Encodes key into buffer (at least key.Length * 9 long); chars before `first` need no encoding.
        private static int EncodeInto(string key, int first, char[] buffer)
        {
            key.CopyTo(0, buffer, 0, first);
            int n = first;
            for (int i = first; i < key.Length; i++)
            {
                char c = key[i];
                if (IsUnencoded(c))
                {
                    buffer[n++] = c;
                    continue;
                }

                int codePoint = c;
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 >= key.Length || !char.IsLowSurrogate(key[i + 1]))
                    {
                        throw LoneSurrogate(i, nameof(key));
                    }

                    codePoint = char.ConvertToUtf32(c, key[i + 1]);
                    i++;
                }
                else if (char.IsLowSurrogate(c))
                {
                    throw LoneSurrogate(i, nameof(key));
                }

                if (codePoint < 0x80)
                {
                    n = AppendByte(buffer, n, codePoint);
                }
                else if (codePoint < 0x800)
                {
                    n = AppendByte(buffer, n, 0xC0 | (codePoint >> 6));
                    n = AppendByte(buffer, n, 0x80 | (codePoint & 0x3F));
                }
                else if (codePoint < 0x10000)
                {
                    n = AppendByte(buffer, n, 0xE0 | (codePoint >> 12));
                    n = AppendByte(buffer, n, 0x80 | ((codePoint >> 6) & 0x3F));
                    n = AppendByte(buffer, n, 0x80 | (codePoint & 0x3F));
                }
                else
                {
                    n = AppendByte(buffer, n, 0xF0 | (codePoint >> 18));
                    n = AppendByte(buffer, n, 0x80 | ((codePoint >> 12) & 0x3F));
                    n = AppendByte(buffer, n, 0x80 | ((codePoint >> 6) & 0x3F));
                    n = AppendByte(buffer, n, 0x80 | (codePoint & 0x3F));
                }
            }

            return n;
        }

        private static int AppendByte(char[] buffer, int n, int value)
        {
            buffer[n] = '%';
            buffer[n + 1] = HexDigits[value >> 4];
            buffer[n + 2] = HexDigits[value & 0xF];
            return n + 3;
        }

        private static ArgumentException LoneSurrogate(int index, string parameterName) =>
            new ArgumentException(
                $"The key has a lone UTF-16 surrogate at position {index}, so it has no UTF-8 form and cannot name an S3 object. Fix the key's text (a string cut in the middle of a character is the usual cause).",
                parameterName);

        /// <summary>
        /// Decodes a percent-encoded key. <c>%XX</c> escapes are UTF-8 bytes; other characters
        /// stand for themselves, <c>+</c> included.
        /// </summary>
        /// <param name="encoded">The key as written in a manifest or a completion report.</param>
        /// <returns>The object key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is null.</exception>
        /// <exception cref="FormatException">A malformed escape, or escaped bytes that are not UTF-8.</exception>
        public static string Decode(string encoded) => Decode(encoded, plusAsSpace: false);

        /// <summary>
        /// Decodes a percent-encoded key; with <paramref name="plusAsSpace"/>, a <c>+</c> is read as a
        /// space (form encoding, as S3 Inventory reports write keys).
        /// </summary>
        /// <param name="encoded">The key as written in a manifest or a completion report.</param>
        /// <param name="plusAsSpace">Read <c>+</c> as a space.</param>
        /// <returns>The object key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is null.</exception>
        /// <exception cref="FormatException">A malformed escape, or escaped bytes that are not UTF-8.</exception>
        public static string Decode(string encoded, bool plusAsSpace)
        {
            if (encoded is null)
            {
                throw new ArgumentNullException(nameof(encoded));
            }

            ReadOnlySpan<char> text = encoded.AsSpan();
            int first = FirstToDecode(text, plusAsSpace);
            if (first < 0)
            {
                return encoded;
            }

            // Decoding never lengthens: %XX gives at most one char, a 4-byte sequence (12 chars) two.
            char[] output = new char[encoded.Length];
            int length = DecodeInto(text, first, plusAsSpace, output);
            return new string(output, 0, length);
        }

        /// <summary>
        /// Decodes <paramref name="text"/> through the reusable <paramref name="scratch"/> buffer
        /// (grown when too small), so that the only allocation is the key itself.
        /// </summary>
        /// <exception cref="FormatException">A malformed escape, or escaped bytes that are not UTF-8.</exception>
        internal static string DecodeChars(ReadOnlySpan<char> text, bool plusAsSpace, ref char[] scratch)
        {
            int first = FirstToDecode(text, plusAsSpace);
            if (first < 0)
            {
                return text.ToString();
            }

            if (scratch.Length < text.Length)
            {
                scratch = new char[Math.Max(text.Length, scratch.Length * 2)];
            }

            int decoded = DecodeInto(text, first, plusAsSpace, scratch);
            return new string(scratch, 0, decoded);
        }

        private static int FirstToDecode(ReadOnlySpan<char> text, bool plusAsSpace) =>
            plusAsSpace ? text.IndexOfAny('%', '+') : text.IndexOf('%');

        // Decodes text into output (at least text.Length long); chars before `first` are copied as they are.
        // The UTF-8 check is RFC 3629's: no overlong forms, no surrogates, nothing above U+10FFFF.
        private static int DecodeInto(ReadOnlySpan<char> text, int first, bool plusAsSpace, char[] output)
        {
            text.Slice(0, first).CopyTo(output);
            int n = first;
            int i = first;
            while (i < text.Length)
            {
                char c = text[i];
                if (c != '%')
                {
                    output[n++] = plusAsSpace && c == '+' ? ' ' : c;
                    i++;
                    continue;
                }

                int sequenceStart = i;
                int lead = ReadEscape(text, i);
                i += 3;
                if (lead < 0x80)
                {
                    output[n++] = (char)lead;
                    continue;
                }

                int continuationBytes;
                int codePoint;
                int secondMin = 0x80;
                int secondMax = 0xBF;
                if (lead >= 0xC2 && lead <= 0xDF)
                {
                    continuationBytes = 1;
                    codePoint = lead & 0x1F;
                }
                else if (lead >= 0xE0 && lead <= 0xEF)
                {
                    continuationBytes = 2;
                    codePoint = lead & 0x0F;
                    if (lead == 0xE0)
                    {
                        secondMin = 0xA0;
                    }
                    else if (lead == 0xED)
                    {
                        secondMax = 0x9F;
                    }
                }
                else if (lead >= 0xF0 && lead <= 0xF4)
                {
                    continuationBytes = 3;
                    codePoint = lead & 0x07;
                    if (lead == 0xF0)
                    {
                        secondMin = 0x90;
                    }
                    else if (lead == 0xF4)
                    {
                        secondMax = 0x8F;
                    }
                }
                else
                {
                    throw NotUtf8(sequenceStart);
                }

                for (int k = 0; k < continuationBytes; k++)
                {
                    if (i >= text.Length || text[i] != '%')
                    {
                        throw NotUtf8(sequenceStart);
                    }

                    int next = ReadEscape(text, i);
                    if (next < (k == 0 ? secondMin : 0x80) || next > (k == 0 ? secondMax : 0xBF))
                    {
                        throw NotUtf8(sequenceStart);
                    }

                    codePoint = (codePoint << 6) | (next & 0x3F);
                    i += 3;
                }

                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    output[n++] = (char)(0xD800 + (codePoint >> 10));
                    output[n++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    output[n++] = (char)codePoint;
                }
            }

            return n;
        }

        private static int ReadEscape(ReadOnlySpan<char> text, int i)
        {
            if (i + 2 < text.Length)
            {
                char highChar = text[i + 1];
                char lowChar = text[i + 2];
                if (highChar < 128 && lowChar < 128)
                {
                    int high = HexTable[highChar];
                    int low = HexTable[lowChar];
                    if ((high | low) >= 0)
                    {
                        return (high << 4) | low;
                    }
                }

                throw new FormatException(
                    $"'%{highChar}{lowChar}' at position {i} is not a percent-escape: '%' must be followed by two hex digits (a literal '%' is written '%25').");
            }

            throw new FormatException($"'%' at position {i} is not followed by two hex digits (a literal '%' is written '%25').");
        }

        // The value of each ASCII hex digit, -1 for any other ASCII char.
        private static readonly sbyte[] HexTable = BuildHexTable();

        private static sbyte[] BuildHexTable()
        {
            var table = new sbyte[128];
            for (int c = 0; c < table.Length; c++)
            {
                table[c] = (sbyte)HexValue((char)c);
            }

            return table;
        }

        private static FormatException NotUtf8(int position) =>
            new FormatException(
                $"the escaped bytes at position {position} are not UTF-8 text, so they cannot be part of an S3 key (keys are UTF-8).");

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}
