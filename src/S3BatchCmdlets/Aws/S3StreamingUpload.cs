using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace S3Batch.Aws
{
    /// <summary>What a finished upload gives back.</summary>
    internal sealed class UploadResult
    {
        public UploadResult(string eTag, long length, int partCount)
        {
            ETag = eTag;
            Length = length;
            PartCount = partCount;
        }

        /// <summary>The object's ETag, without quotes.</summary>
        public string ETag { get; }

        /// <summary>The object's size in bytes.</summary>
        public long Length { get; }

        /// <summary>The number of parts, 0 for a single PutObject.</summary>
        public int PartCount { get; }
    }

    /// <summary>
    /// A write-only stream that uploads what is written to it as one S3 object, without ever holding
    /// more than two parts in memory: an object smaller than one part goes up as one PutObject at
    /// <see cref="Complete"/>; a larger one as a multipart upload whose parts are sent while the next
    /// part is being written (one part in flight at a time). <see cref="Complete"/> finishes the
    /// upload; anything else (an error, <see cref="Abort"/>, <see cref="Dispose(bool)"/> without
    /// <see cref="Complete"/>) aborts the multipart upload, so that no object appears and no parts are
    /// left behind.
    /// </summary>
    /// <remarks>
    /// Part sizes: S3 wants parts of at least 5 MiB (except the last) and at most 10,000 of them
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). Parts start at
    /// <see cref="DefaultPartSize"/> and double after every 2,000 parts, so the 10,000 parts reach
    /// well beyond any manifest (about 496 GiB). Methods other than the part upload itself run on the
    /// caller's thread, which is where <c>log</c> is called.
    /// </remarks>
    internal sealed class S3StreamingUpload : Stream
    {
        /// <summary>The first part size: 8 MiB.</summary>
        public const int DefaultPartSize = 8 * 1024 * 1024;

        /// <summary>S3's smallest part (except the last): 5 MiB.</summary>
        public const int MinimumPartSize = 5 * 1024 * 1024;

        internal const int MaxParts = 10000;
        private const int PartsPerSize = 2000;

        private readonly IObjectUploadTarget _target;
        private readonly int _firstPartSize;
        private readonly Action<string>? _log;
        private readonly CancellationTokenSource _cancel;
        private readonly List<UploadedPart> _parts = new();

        private byte[] _buffer;
        private byte[]? _spare;
        private int _count;
        private long _length;
        private string? _uploadId;
        private Task<UploadedPart>? _inFlight;
        private byte[]? _inFlightBuffer;
        private State _state = State.Open;

        /// <summary>Creates the stream; nothing is sent until a part is full or <see cref="Complete"/>.</summary>
        /// <param name="target">Where the object goes.</param>
        /// <param name="cancel">Stops the upload (Ctrl+C); the upload is then aborted.</param>
        /// <param name="partSize">The first part size (tests use small ones; S3 needs at least 5 MiB).</param>
        /// <param name="log">Called on the caller's thread with what is done.</param>
        public S3StreamingUpload(IObjectUploadTarget target, CancellationToken cancel, int partSize = DefaultPartSize, Action<string>? log = null)
        {
            _target = target ?? throw new ArgumentNullException(nameof(target));
            if (partSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(partSize));
            }

            _firstPartSize = partSize;
            _buffer = new byte[Math.Min(partSize, 64 * 1024)];
            _log = log;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        }

        private enum State
        {
            Open,
            Completed,
            Aborted,
        }

        /// <summary>The upload id, once the upload became multipart.</summary>
        public string? UploadId => _uploadId;

        /// <summary>The number of parts sent or being sent.</summary>
        public int PartsStarted => _parts.Count + (_inFlight is null ? 0 : 1);

        /// <summary>The error that aborting the multipart upload met, if it did (the upload's parts may then remain).</summary>
        public Exception? AbortError { get; private set; }

        /// <inheritdoc/>
        public override bool CanRead => false;

        /// <inheritdoc/>
        public override bool CanSeek => false;

        /// <inheritdoc/>
        public override bool CanWrite => _state == State.Open;

        /// <summary>The number of bytes written.</summary>
        public override long Length => _length;

        /// <summary>The number of bytes written.</summary>
        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        /// <summary>The size of part <paramref name="partNumber"/> (1-based).</summary>
        internal int PartSizeFor(int partNumber)
        {
            int doublings = Math.Min((partNumber - 1) / PartsPerSize, 6);
            long size = (long)_firstPartSize << doublings;
            return (int)Math.Min(size, 1024L * 1024 * 1024);
        }

        /// <inheritdoc/>
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_state != State.Open)
            {
                throw new ObjectDisposedException(nameof(S3StreamingUpload), "The upload is finished or aborted.");
            }

            while (count > 0)
            {
                int partSize = PartSizeFor(_parts.Count + (_inFlight is null ? 0 : 1) + 1);
                if (_count == _buffer.Length && _buffer.Length < partSize)
                {
                    // The buffer grows up to a part as the object does, so a small manifest stays small.
                    Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, partSize));
                }

                int take = Math.Min(count, Math.Min(_buffer.Length, partSize) - _count);
                Buffer.BlockCopy(buffer, offset, _buffer, _count, take);
                _count += take;
                _length += take;
                offset += take;
                count -= take;
                if (_count == partSize)
                {
                    SendFullPart();
                }
            }
        }

        /// <summary>Parts are sent when full; this writes nothing.</summary>
        public override void Flush()
        {
        }

        /// <inheritdoc/>
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <inheritdoc/>
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        /// <inheritdoc/>
        public override void SetLength(long value) => throw new NotSupportedException();

        private void SendFullPart()
        {
            try
            {
                if (_uploadId is null)
                {
                    _uploadId = Wait(_target.InitiateAsync(_cancel.Token));
                    _log?.Invoke($"CreateMultipartUpload {_target.Description}: upload id {_uploadId}.");
                }

                WaitForInFlight();
                int partNumber = _parts.Count + 1;
                if (partNumber > MaxParts)
                {
                    throw new InvalidOperationException($"{_target.Description} would need more than {MaxParts} parts, the most S3 takes in one upload.");
                }

                _log?.Invoke($"UploadPart {partNumber} of {_target.Description} ({_count:N0} bytes; {_length:N0} written so far).");
                byte[] sending = _buffer;
                int sendingCount = _count;
                string uploadId = _uploadId;
                _inFlightBuffer = sending;
                _inFlight = Task.Run(() => _target.UploadPartAsync(uploadId, partNumber, sending, sendingCount, _cancel.Token));
                _buffer = _spare is not null && _spare.Length >= PartSizeFor(partNumber + 1) ? _spare : new byte[PartSizeFor(partNumber + 1)];
                _spare = null;
                _count = 0;
            }
            catch
            {
                Abort();
                throw;
            }
        }

        // Waits for the part being sent (if any), keeps its ETag, and keeps its buffer for reuse.
        private void WaitForInFlight()
        {
            if (_inFlight is null)
            {
                return;
            }

            var task = _inFlight;
            _inFlight = null;
            _parts.Add(Wait(task));
            _spare = _inFlightBuffer;
            _inFlightBuffer = null;
        }

        /// <summary>
        /// Sends what is left and finishes the object: one PutObject when it never reached a part,
        /// else the last part and CompleteMultipartUpload. On any error the multipart upload is
        /// aborted and the error rethrown.
        /// </summary>
        /// <returns>The ETag (without quotes), size and part count.</returns>
        public UploadResult Complete()
        {
            if (_state != State.Open)
            {
                throw new InvalidOperationException("The upload is already finished or aborted.");
            }

            try
            {
                string eTag;
                if (_uploadId is null)
                {
                    _log?.Invoke($"PutObject {_target.Description} ({_count:N0} bytes).");
                    eTag = Wait(_target.PutObjectAsync(_buffer, _count, _cancel.Token));
                }
                else
                {
                    WaitForInFlight();
                    if (_count > 0 || _parts.Count == 0)
                    {
                        int partNumber = _parts.Count + 1;
                        _log?.Invoke($"UploadPart {partNumber} (the last) of {_target.Description} ({_count:N0} bytes).");
                        _parts.Add(Wait(_target.UploadPartAsync(_uploadId, partNumber, _buffer, _count, _cancel.Token)));
                    }

                    _log?.Invoke($"CompleteMultipartUpload {_target.Description}: {_parts.Count} part(s), {_length:N0} bytes.");
                    eTag = Wait(_target.CompleteAsync(_uploadId, _parts, _cancel.Token));
                }

                _state = State.Completed;
                return new UploadResult(eTag.Trim('"'), _length, _uploadId is null ? 0 : _parts.Count);
            }
            catch
            {
                Abort();
                throw;
            }
        }

        /// <summary>
        /// Stops the upload: the part in flight is cancelled and the multipart upload aborted, so
        /// that no object is made. An error while aborting is kept in <see cref="AbortError"/>, not
        /// thrown. Does nothing after <see cref="Complete"/> or a first Abort.
        /// </summary>
        public void Abort()
        {
            if (_state != State.Open)
            {
                return;
            }

            _state = State.Aborted;
            _cancel.Cancel();
            if (_inFlight is not null)
            {
                try
                {
                    _inFlight.Wait(TimeSpan.FromSeconds(30));
                }
                catch (AggregateException)
                {
                    // Cancelled or failed: either way the part is not needed.
                }

                _inFlight = null;
            }

            if (_uploadId is null)
            {
                return;
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                Wait(_target.AbortAsync(_uploadId, timeout.Token));
                _log?.Invoke($"AbortMultipartUpload {_target.Description}: upload {_uploadId} aborted; no object was made.");
            }
#pragma warning disable CA1031 // Aborting is cleanup after another error: its own failure is reported, not thrown.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AbortError = e;
                _log?.Invoke($"AbortMultipartUpload {_target.Description} (upload {_uploadId}) failed: {e.Message}");
            }
        }

        /// <summary>Aborts the upload unless it was completed.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Abort();
                _cancel.Dispose();
            }

            base.Dispose(disposing);
        }

        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        private static void Wait(Task task) => task.GetAwaiter().GetResult();
    }
}
