using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using S3Batch.Aws;
using S3Batch.Manifests;
using Xunit;

namespace S3Batch.Tests.Aws
{
    // S3StreamingUpload and ManifestExport over a fake S3 that records the calls.
    public sealed class S3StreamingUploadTests
    {
        internal sealed class FakeTarget : IObjectUploadTarget
        {
            public readonly List<string> Calls = new();
            public readonly SortedDictionary<int, byte[]> Parts = new();
            public byte[]? Object;
            public int FailPart = -1;
            public bool FailComplete;
            public bool FailAbort;
            public int MaxBufferSeen;
            public TaskCompletionSource<bool>? HoldPart;

            public string Description => "s3://b/k";

            public Task<string> PutObjectAsync(byte[] data, int count, CancellationToken cancel)
            {
                Calls.Add($"Put {count}");
                Object = data.Take(count).ToArray();
                return Task.FromResult("\"put-etag\"");
            }

            public Task<string> InitiateAsync(CancellationToken cancel)
            {
                Calls.Add("Initiate");
                return Task.FromResult("upload-1");
            }

            public async Task<UploadedPart> UploadPartAsync(string uploadId, int partNumber, byte[] data, int count, CancellationToken cancel)
            {
                lock (Calls)
                {
                    Calls.Add($"Part {partNumber} {count}");
                    MaxBufferSeen = Math.Max(MaxBufferSeen, data.Length);
                }

                if (HoldPart is not null)
                {
                    await HoldPart.Task.ConfigureAwait(false);
                }

                cancel.ThrowIfCancellationRequested();
                if (partNumber == FailPart)
                {
                    throw new IOException("part failed");
                }

                lock (Parts)
                {
                    Parts[partNumber] = data.Take(count).ToArray();
                }

                return new UploadedPart(partNumber, $"\"etag-{partNumber}\"");
            }

            public Task<string> CompleteAsync(string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken cancel)
            {
                Calls.Add($"Complete {string.Join(",", parts.Select(p => $"{p.PartNumber}:{p.ETag}"))}");
                if (FailComplete)
                {
                    throw new IOException("complete failed");
                }

                Object = Parts.Values.SelectMany(p => p).ToArray();
                return Task.FromResult("\"multi-etag-2\"");
            }

            public Task AbortAsync(string uploadId, CancellationToken cancel)
            {
                Calls.Add("Abort");
                return FailAbort ? Task.FromException(new IOException("405 MethodNotAllowed")) : Task.CompletedTask;
            }
        }

        private static byte[] Bytes(int count, int seed = 0) => Enumerable.Range(0, count).Select(i => (byte)((i + seed) % 251)).ToArray();

        [Fact]
        public void SmallObjectGoesAsOnePutObjectAtComplete()
        {
            var target = new FakeTarget();
            using var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 1000);
            upload.Write(Bytes(999), 0, 999);
            Assert.Empty(target.Calls);
            var result = upload.Complete();
            Assert.Equal(new[] { "Put 999" }, target.Calls);
            Assert.Equal("put-etag", result.ETag);
            Assert.Equal(999, result.Length);
            Assert.Equal(0, result.PartCount);
            Assert.Equal(Bytes(999), target.Object);
        }

        [Fact]
        public void EmptyObjectIsOneEmptyPutObject()
        {
            var target = new FakeTarget();
            using var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 1000);
            upload.Complete();
            Assert.Equal(new[] { "Put 0" }, target.Calls);
        }

        [Theory]
        [InlineData(1000, 1)]
        [InlineData(2500, 7)]
        [InlineData(3000, 1000)]
        [InlineData(10001, 333)]
        public void LargeObjectGoesInPartsWhatEverTheWriteSizes(int total, int chunk)
        {
            var target = new FakeTarget();
            var data = Bytes(total);
            using var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 1000);
            for (int offset = 0; offset < total; offset += chunk)
            {
                upload.Write(data, offset, Math.Min(chunk, total - offset));
            }

            var result = upload.Complete();
            Assert.Equal("multi-etag-2", result.ETag);
            Assert.Equal(total, result.Length);
            int parts = (total + 999) / 1000;
            Assert.Equal(parts, result.PartCount);
            Assert.Equal("Initiate", target.Calls[0]);
            Assert.StartsWith("Complete 1:\"etag-1\"", target.Calls[^1], StringComparison.Ordinal);
            Assert.Equal(data, target.Object);
            Assert.Equal(Enumerable.Range(1, parts), target.Parts.Keys);
            Assert.True(target.MaxBufferSeen <= 1000, "a part buffer is never bigger than a part");
        }

        [Fact]
        public void PartSizesDoubleEvery2000PartsSoTenThousandPartsReachFar()
        {
            var upload = new S3StreamingUpload(new FakeTarget(), CancellationToken.None, partSize: S3StreamingUpload.DefaultPartSize);
            Assert.Equal(8 * 1024 * 1024, upload.PartSizeFor(1));
            Assert.Equal(8 * 1024 * 1024, upload.PartSizeFor(2000));
            Assert.Equal(16 * 1024 * 1024, upload.PartSizeFor(2001));
            long total = Enumerable.Range(1, S3StreamingUpload.MaxParts).Sum(n => (long)upload.PartSizeFor(n));
            Assert.True(total > 400L * 1024 * 1024 * 1024);
        }

        [Fact]
        public void AFailedPartAbortsTheUploadAndRethrows()
        {
            var target = new FakeTarget { FailPart = 2 };
            var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 100);
            var data = Bytes(1000);
            var error = Assert.Throws<IOException>(() =>
            {
                for (int i = 0; i < 10; i++)
                {
                    upload.Write(data, i * 100, 100);
                }

                upload.Complete();
            });
            Assert.Equal("part failed", error.Message);
            Assert.Equal("Abort", target.Calls[^1]);
            Assert.DoesNotContain(target.Calls, c => c.StartsWith("Complete", StringComparison.Ordinal));
            Assert.Null(target.Object);
            Assert.Throws<ObjectDisposedException>(() => upload.Write(data, 0, 1));
        }

        [Fact]
        public void AFailedCompleteAborts()
        {
            var target = new FakeTarget { FailComplete = true };
            using var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 100);
            upload.Write(Bytes(250), 0, 250);
            Assert.Throws<IOException>(() => upload.Complete());
            Assert.Equal("Abort", target.Calls[^1]);
        }

        [Fact]
        public void DisposeWithoutCompleteAbortsAndKeepsAnAbortError()
        {
            var target = new FakeTarget { FailAbort = true };
            var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 100);
            upload.Write(Bytes(250), 0, 250);
            upload.Dispose();
            Assert.Equal("Abort", target.Calls[^1]);
            Assert.IsType<IOException>(upload.AbortError);
            Assert.Null(target.Object);
        }

        [Fact]
        public void DisposeBeforeAnyPartSendsNothing()
        {
            var target = new FakeTarget();
            var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 100);
            upload.Write(Bytes(50), 0, 50);
            upload.Dispose();
            Assert.Empty(target.Calls);
        }

        [Fact]
        public void CancellingStopsThePartInFlightAndAborts()
        {
            var target = new FakeTarget { HoldPart = new TaskCompletionSource<bool>() };
            using var stop = new CancellationTokenSource();
            var upload = new S3StreamingUpload(target, stop.Token, partSize: 100);
            upload.Write(Bytes(100), 0, 100);   // part 1 goes in flight and is held
            stop.Cancel();
            target.HoldPart.SetResult(true);
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                upload.Write(Bytes(100), 0, 100);   // waits for part 1, which was cancelled
            });
            Assert.Equal("Abort", target.Calls[^1]);
        }

        [Fact]
        public void AManifestExportStreamsRowsIntoPartsAndGivesTheFields()
        {
            var target = new FakeTarget();
            var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 64 * 1024);
            using var export = new ManifestExport(new S3ManifestDestination(upload, target.Description));
            var expected = new StringBuilder();
            for (int i = 0; i < 20000; i++)
            {
                export.WriteRow("bucket", $"dir/key {i}+", $"v{i}");
                expected.Append("bucket,dir/key%20").Append(i).Append("%2B,v").Append(i).Append('\n');
            }

            Assert.Equal("multi-etag-2", export.Complete());
            Assert.Equal(new[] { "Bucket", "Key", "VersionId" }, export.Fields);
            Assert.Equal(20000, export.RowCount);
            Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(target.Object!));
            Assert.Equal(Encoding.UTF8.GetByteCount(expected.ToString()), export.TotalBytes);
            Assert.True(target.Parts.Count > 5);
        }

        [Fact]
        public void AManifestExportRefusingMixedVersionIdsLeavesNothing()
        {
            var target = new FakeTarget();
            var upload = new S3StreamingUpload(target, CancellationToken.None, partSize: 64 * 1024);
            using var export = new ManifestExport(new S3ManifestDestination(upload, target.Description));
            for (int i = 0; i < 10000; i++)
            {
                export.WriteRow("bucket", $"key{i}", null);
            }

            Assert.Throws<ManifestMixedVersionIdsException>(() => export.WriteRow("bucket", "k", "v"));
            Assert.Equal("Abort", target.Calls[^1]);
            Assert.Null(target.Object);
        }

        [Fact]
        public void AFileExportAppearsOnlyWhenComplete()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "s3batch-export-" + Guid.NewGuid().ToString("N")));
            try
            {
                var path = Path.Combine(dir.FullName, "m.csv");
                using (var export = new ManifestExport(new FileManifestDestination(path, force: false, noClobber: false)))
                {
                    export.WriteRow("b", "a b", null);
                    Assert.False(File.Exists(path));
                    Assert.Null(export.Complete());
                }

                Assert.Equal("b,a%20b\n", File.ReadAllText(path));
                using (var export = new ManifestExport(new FileManifestDestination(path, force: false, noClobber: false)))
                {
                    export.WriteRow("b", "other", null);
                }

                Assert.Equal("b,a%20b\n", File.ReadAllText(path));
                Assert.Single(dir.GetFiles());
                var exists = Assert.Throws<ManifestExportException>(() => new FileManifestDestination(path, force: false, noClobber: true));
                Assert.Equal("FileExists", exists.ErrorId);
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }
    }
}
