using System;
using System.Collections.Generic;
using System.IO;
using S3Batch.Aws;

namespace S3Batch.Manifests
{
    /// <summary>An export that cannot go on, with a stable error id (the cmdlet prefixes its name).</summary>
    public sealed class ManifestExportException : InvalidOperationException, IStableError
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="errorId">The stable id, for example <c>FileExists</c>.</param>
        /// <param name="message">What went wrong and what to do.</param>
        /// <param name="innerException">The cause, if any.</param>
        public ManifestExportException(string errorId, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
        }

        /// <summary>The stable error id.</summary>
        public string ErrorId { get; }

        FailureKind IStableError.Kind => ErrorId switch
        {
            "FileExists" => FailureKind.Exists,
            "FileReadOnly" => FailureKind.Denied,
            "DirectoryNotFound" => FailureKind.NotFound,
            _ => FailureKind.InvalidArgument,
        };
    }

    /// <summary>Where an exported manifest goes: a stream to write it to, then finished or abandoned.</summary>
    internal interface IManifestDestination : IDisposable
    {
        /// <summary>What is written to, for messages: s3://bucket/key or a file path.</summary>
        string Description { get; }

        /// <summary>The stream the rows are written to.</summary>
        Stream Stream { get; }

        /// <summary>Makes the manifest appear; returns its ETag (S3) or null (file).</summary>
        string? Complete();

        /// <summary>Leaves nothing behind: no object, no file, no temporary file.</summary>
        void Abort();
    }

    /// <summary>A manifest streamed to an S3 object with <see cref="S3StreamingUpload"/>.</summary>
    internal sealed class S3ManifestDestination : IManifestDestination
    {
        private readonly S3StreamingUpload _upload;

        public S3ManifestDestination(S3StreamingUpload upload, string description)
        {
            _upload = upload;
            Description = description;
        }

        public string Description { get; }

        public Stream Stream => _upload;

        /// <summary>The upload, for its abort error and part count.</summary>
        public S3StreamingUpload Upload => _upload;

        public string? Complete() => _upload.Complete().ETag;

        public void Abort() => _upload.Abort();

        public void Dispose() => _upload.Dispose();
    }

    /// <summary>
    /// A manifest written to a file. It is written to a temporary file beside the target and moved
    /// into place only when complete, so that a failed or stopped export leaves no file (and an
    /// existing file as it was).
    /// </summary>
    internal sealed class FileManifestDestination : IManifestDestination
    {
        private readonly string _path;
        private readonly bool _force;
        private readonly bool _noClobber;
        private readonly string _tempPath;
        private FileStream? _stream;
        private bool _done;

        /// <summary>Checks the target and creates the temporary file.</summary>
        /// <exception cref="ManifestExportException">FileExists (with noClobber), FileReadOnly (without force), DirectoryNotFound.</exception>
        public FileManifestDestination(string path, bool force, bool noClobber)
        {
            _path = Path.GetFullPath(path);
            _force = force;
            _noClobber = noClobber;
            CheckTarget(_path, force, noClobber);
            string directory = Path.GetDirectoryName(_path)!;
            _tempPath = Path.Combine(directory, "." + Path.GetFileName(_path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        }

        public string Description => _path;

        public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(FileManifestDestination));

        /// <summary>Throws when the export could not replace <paramref name="path"/> as asked.</summary>
        internal static void CheckTarget(string path, bool force, bool noClobber)
        {
            if (Directory.Exists(path))
            {
                throw new ManifestExportException("PathIsDirectory", $"'{path}' is a directory. Give a file name for the manifest.");
            }

            string? directory = Path.GetDirectoryName(path);
            if (directory is null || !Directory.Exists(directory))
            {
                throw new ManifestExportException("DirectoryNotFound", $"The directory of '{path}' does not exist. Create it first, or choose another path.");
            }

            if (!File.Exists(path))
            {
                return;
            }

            if (noClobber)
            {
                throw new ManifestExportException("FileExists", $"The file '{path}' already exists and -NoClobber was given. Remove -NoClobber to replace it, or choose another path.");
            }

            if (!force && (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
            {
                throw new ManifestExportException("FileReadOnly", $"The file '{path}' is read-only. Use -Force to replace it.");
            }
        }

        public string? Complete()
        {
            if (_done || _stream is null)
            {
                throw new InvalidOperationException("The manifest file is already finished or abandoned.");
            }

            try
            {
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();
                _stream = null;
                CheckTarget(_path, _force, _noClobber);
                if (File.Exists(_path))
                {
                    if (_force)
                    {
                        File.SetAttributes(_path, File.GetAttributes(_path) & ~FileAttributes.ReadOnly);
                    }

                    File.Replace(_tempPath, _path, null);
                }
                else
                {
                    File.Move(_tempPath, _path);
                }

                _done = true;
                return null;
            }
            catch
            {
                Abort();
                throw;
            }
        }

        public void Abort()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            _stream?.Dispose();
            _stream = null;
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Best effort: a temporary file that cannot be removed has a name that says what it is.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        public void Dispose() => Abort();
    }

    /// <summary>
    /// One manifest export: rows go through <see cref="ManifestCsvWriter"/> straight into the
    /// destination's stream (memory stays flat whatever the row count), then <see cref="Complete"/>
    /// makes the manifest appear, or <see cref="Abort"/> (or Dispose without Complete) leaves
    /// nothing behind.
    /// </summary>
    internal sealed class ManifestExport : IDisposable
    {
        private readonly IManifestDestination _destination;
        private readonly ManifestCsvWriter _writer;
        private bool _finished;

        public ManifestExport(IManifestDestination destination)
        {
            _destination = destination ?? throw new ArgumentNullException(nameof(destination));
            _writer = new ManifestCsvWriter(destination.Stream, leaveOpen: true);
        }

        /// <summary>The destination.</summary>
        public IManifestDestination Destination => _destination;

        /// <summary>The rows written.</summary>
        public long RowCount => _writer.RowCount;

        /// <summary>The bytes handed to the destination so far (rows still in the writer's buffer are not counted).</summary>
        public long BytesWritten => _destination.Stream.CanWrite ? _destination.Stream.Position : 0;

        /// <summary>The manifest's size in bytes, once <see cref="Complete"/> has run.</summary>
        public long TotalBytes { get; private set; }

        /// <summary>The manifest's Spec.Fields.</summary>
        public IReadOnlyList<string> Fields => _writer.Fields;

        /// <summary>Writes one row; on any error the export is aborted and the error rethrown.</summary>
        public void WriteRow(string bucket, string key, string? versionId)
        {
            try
            {
                _writer.WriteRow(bucket, key, versionId);
            }
            catch
            {
                Abort();
                throw;
            }
        }

        /// <summary>Flushes the last rows and makes the manifest appear; on error nothing is left behind.</summary>
        /// <returns>The ETag without quotes (S3), or null (file).</returns>
        public string? Complete()
        {
            if (_finished)
            {
                throw new InvalidOperationException("The export is already finished.");
            }

            try
            {
                _writer.Dispose();
                TotalBytes = _destination.Stream.Length;
                string? eTag = _destination.Complete();
                _finished = true;
                return eTag;
            }
            catch
            {
                Abort();
                throw;
            }
        }

        /// <summary>Abandons the export: no object, no file.</summary>
        public void Abort()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;

            // The destination first, so that the writer's last flush goes nowhere (and sends nothing).
            _destination.Abort();
            try
            {
                _writer.Dispose();
            }
#pragma warning disable CA1031 // Flushing into an abandoned destination fails; it does not matter.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        /// <summary>Aborts unless completed, and releases the destination.</summary>
        public void Dispose()
        {
            Abort();
            _destination.Dispose();
        }
    }
}
