using System;
using System.IO;

namespace S3Batch.Manifests
{
    /// <summary>
    /// A small RFC 4180 reader (https://www.rfc-editor.org/rfc/rfc4180): fields separated by commas,
    /// records ended by CRLF, LF or CR; a field in double quotes may hold commas, line breaks and
    /// doubled quotes (<c>""</c> for <c>"</c>). A quote inside an unquoted field is kept as a
    /// character. Empty lines are skipped.
    /// </summary>
    /// <remarks>
    /// Speed and memory: the text is read into one char buffer, and an unquoted field is handed out
    /// as a range of that buffer (no copy); only a quoted field is unescaped, into a second array.
    /// A record must sit whole in the buffer, so when one runs past the end of what has been read,
    /// the record's start is moved to the front, the buffer is filled, and the record is parsed
    /// again; the buffer grows (doubling) only for a record longer than it. So memory stays flat (the longest record,
    /// twice at most), and a record costs no allocation but the strings the caller asks for.
    /// </remarks>
    internal sealed class CsvRecordReader
    {
        internal const int DefaultBufferSize = 64 * 1024;

        private readonly TextReader _reader;
        private char[] _buffer;
        private int _position;
        private int _length;
        private bool _endOfInput;
        private long _line = 1;

        private char[] _quoted = new char[256];
        private int _quotedLength;
        private int[] _starts = new int[8];
        private int[] _lengths = new int[8];
        private bool[] _isQuoted = new bool[8];

        /// <param name="reader">The CSV text.</param>
        /// <param name="bufferSize">The first buffer size, in chars (tests make it tiny, to reach every
        /// place where a record crosses the end of the buffer).</param>
        public CsvRecordReader(TextReader reader, int bufferSize = DefaultBufferSize)
        {
            _reader = reader;
            _buffer = new char[Math.Max(1, bufferSize)];
        }

        private enum ParseResult
        {
            Record,
            EmptyLine,
            NeedMore,
        }

        /// <summary>The 1-based line on which the current record starts.</summary>
        public long RecordLineNumber { get; private set; }

        /// <summary>The number of fields in the current record.</summary>
        public int FieldCount { get; private set; }

        /// <summary>Field <paramref name="index"/> of the current record, unescaped; valid until the next <see cref="ReadRecord"/>.</summary>
        public ReadOnlySpan<char> Field(int index) =>
            new ReadOnlySpan<char>(_isQuoted[index] ? _quoted : _buffer, _starts[index], _lengths[index]);

        public int FieldLength(int index) => _lengths[index];

        public string GetString(int index) =>
            new string(_isQuoted[index] ? _quoted : _buffer, _starts[index], _lengths[index]);

        /// <summary>Whether field <paramref name="index"/> holds exactly <paramref name="value"/>.</summary>
        public bool FieldEquals(int index, string value) =>
            _lengths[index] == value.Length && Field(index).SequenceEqual(value.AsSpan());

        /// <summary>Reads the next record; false at the end of the input.</summary>
        /// <exception cref="CsvSyntaxException">A quoted field is not closed, or text follows a closing quote.</exception>
        public bool ReadRecord()
        {
            while (true)
            {
                if (_position >= _length)
                {
                    if (_endOfInput)
                    {
                        return false;
                    }

                    ReadMore(_position);
                    continue;
                }

                int recordStart = _position;
                long startLine = _line;
                ParseResult result;
                while (true)
                {
                    _position = recordStart;
                    _line = startLine;
                    FieldCount = 0;
                    _quotedLength = 0;
                    result = ParseRecord();
                    if (result != ParseResult.NeedMore)
                    {
                        break;
                    }

                    recordStart = ReadMore(recordStart);
                }

                if (result == ParseResult.Record)
                {
                    RecordLineNumber = startLine;
                    return true;
                }
            }
        }

        // Moves [from, _length) to the front of the buffer (growing it when that is all of it), reads
        // more after it, and returns the new index of `from` (0).
        private int ReadMore(int from)
        {
            int kept = _length - from;
            if (from == 0 && kept == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else if (from > 0 && kept > 0)
            {
                Array.Copy(_buffer, from, _buffer, 0, kept);
            }

            _length = kept;
            _position = 0;

            // Fill the buffer: a reader that hands out a little at a time (a network stream) would
            // otherwise have a long record parsed again after every small read.
            while (_length < _buffer.Length)
            {
                int read = _reader.Read(_buffer, _length, _buffer.Length - _length);
                if (read <= 0)
                {
                    _endOfInput = true;
                    break;
                }

                _length += read;
            }

            return 0;
        }

        private ParseResult ParseRecord()
        {
            // Fast path: a line without quotes (every line of most reports) is split on its commas.
            int lineStart = _position;
            int found = _buffer.AsSpan(lineStart, _length - lineStart).IndexOfAny('\n', '\r', '"');
            if (found < 0 && !_endOfInput)
            {
                return ParseResult.NeedMore;
            }

            if (found < 0 || _buffer[lineStart + found] != '"')
            {
                int lineEnd = found < 0 ? _length : lineStart + found;
                return SplitLine(lineStart, lineEnd);
            }

            while (true)
            {
                bool quoted = _position < _length && _buffer[_position] == '"';
                if (quoted ? !ParseQuoted() : !ParseUnquoted())
                {
                    return ParseResult.NeedMore;
                }

                if (_position >= _length)
                {
                    // Only at the end of the input (the field parsers ask for more otherwise).
                    return IsEmptyLine(quoted) ? ParseResult.EmptyLine : ParseResult.Record;
                }

                char c = _buffer[_position];
                if (c == ',')
                {
                    _position++;
                    continue;
                }

                // A line break: LF, CR, or CRLF (whose LF may not have been read yet).
                if (c == '\r')
                {
                    if (_position + 1 >= _length && !_endOfInput)
                    {
                        return ParseResult.NeedMore;
                    }

                    if (_position + 1 < _length && _buffer[_position + 1] == '\n')
                    {
                        _position++;
                    }
                }

                _position++;
                _line++;
                return IsEmptyLine(quoted) ? ParseResult.EmptyLine : ParseResult.Record;
            }
        }

        // Splits [lineStart, lineEnd), which has no quotes, on commas; lineEnd is a line break or the end.
        private ParseResult SplitLine(int lineStart, int lineEnd)
        {
            if (lineEnd < _length && _buffer[lineEnd] == '\r' && lineEnd + 1 >= _length && !_endOfInput)
            {
                return ParseResult.NeedMore;
            }

            int start = lineStart;
            while (true)
            {
                int comma = _buffer.AsSpan(start, lineEnd - start).IndexOf(',');
                if (comma < 0)
                {
                    AddField(start, lineEnd - start, quoted: false);
                    break;
                }

                AddField(start, comma, quoted: false);
                start += comma + 1;
            }

            _position = lineEnd;
            if (lineEnd < _length)
            {
                _position++;
                if (_buffer[lineEnd] == '\r' && _position < _length && _buffer[_position] == '\n')
                {
                    _position++;
                }

                _line++;
            }

            return IsEmptyLine(quoted: false) ? ParseResult.EmptyLine : ParseResult.Record;
        }

        private bool IsEmptyLine(bool quoted) => FieldCount == 1 && !quoted && _lengths[0] == 0;

        // Returns false when the field runs past what has been read (and more can be).
        private bool ParseUnquoted()
        {
            int start = _position;
            int found = _buffer.AsSpan(start, _length - start).IndexOfAny(',', '\n', '\r');
            if (found < 0)
            {
                if (!_endOfInput)
                {
                    return false;
                }

                found = _length - start;
            }

            AddField(start, found, quoted: false);
            _position = start + found;
            return true;
        }

        // After the opening quote; returns false when the field runs past what has been read (and more can be).
        private bool ParseQuoted()
        {
            long startLine = _line;
            int fieldStart = _quotedLength;
            int i = _position + 1;
            while (true)
            {
                int found = _buffer.AsSpan(i, _length - i).IndexOfAny('"', '\n');
                if (found < 0)
                {
                    if (!_endOfInput)
                    {
                        return false;
                    }

                    throw new CsvSyntaxException(startLine,
                        $"the quoted field that starts on line {startLine} is not closed before the end of the file.");
                }

                AppendQuoted(i, found);
                i += found;
                if (_buffer[i] == '\n')
                {
                    AppendQuoted(i, 1);
                    _line++;
                    i++;
                    continue;
                }

                // A quote: doubled, it stands for a quote; otherwise it closes the field.
                if (i + 1 >= _length)
                {
                    if (!_endOfInput)
                    {
                        return false;
                    }

                    i++;
                    break;
                }

                char next = _buffer[i + 1];
                if (next == '"')
                {
                    AppendQuoted(i, 1);
                    i += 2;
                    continue;
                }

                if (next == ',' || next == '\n' || next == '\r')
                {
                    i++;
                    break;
                }

                throw new CsvSyntaxException(_line,
                    $"'{next}' follows the closing quote of a field; in CSV a quote inside a quoted field is doubled (\"\").");
            }

            AddField(fieldStart, _quotedLength - fieldStart, quoted: true);
            _position = i;
            return true;
        }

        private void AppendQuoted(int from, int count)
        {
            if (count == 0)
            {
                return;
            }

            if (_quotedLength + count > _quoted.Length)
            {
                Array.Resize(ref _quoted, Math.Max(_quoted.Length * 2, _quotedLength + count));
            }

            Array.Copy(_buffer, from, _quoted, _quotedLength, count);
            _quotedLength += count;
        }

        private void AddField(int start, int length, bool quoted)
        {
            if (FieldCount == _starts.Length)
            {
                Array.Resize(ref _starts, _starts.Length * 2);
                Array.Resize(ref _lengths, _lengths.Length * 2);
                Array.Resize(ref _isQuoted, _isQuoted.Length * 2);
            }

            _starts[FieldCount] = start;
            _lengths[FieldCount] = length;
            _isQuoted[FieldCount] = quoted;
            FieldCount++;
        }
    }

    /// <summary>CSV text that breaks RFC 4180 where the reader cannot recover.</summary>
    internal sealed class CsvSyntaxException : FormatException
    {
        public CsvSyntaxException(long lineNumber, string message)
            : base(message)
        {
            LineNumber = lineNumber;
        }

        public long LineNumber { get; }
    }
}
