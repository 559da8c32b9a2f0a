using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Batch.Aws
{
    /// <summary>One uploaded part: its number and what CompleteMultipartUpload needs back.</summary>
    internal sealed class UploadedPart
    {
        public UploadedPart(int partNumber, string eTag, string? checksumCrc32 = null)
        {
            PartNumber = partNumber;
            ETag = eTag;
            ChecksumCrc32 = checksumCrc32;
        }

        public int PartNumber { get; }

        public string ETag { get; }

        public string? ChecksumCrc32 { get; }
    }

    /// <summary>
    /// The few S3 calls that <see cref="S3StreamingUpload"/> makes for one object, so that the
    /// streaming logic can be tested without S3. Each method returns the ETag S3 answered (as sent,
    /// possibly quoted).
    /// </summary>
    internal interface IObjectUploadTarget
    {
        /// <summary>Where the object goes, for messages: s3://bucket/key.</summary>
        string Description { get; }

        /// <summary>PutObject with <paramref name="count"/> bytes of <paramref name="data"/>; returns the ETag.</summary>
        Task<string> PutObjectAsync(byte[] data, int count, CancellationToken cancel);

        /// <summary>CreateMultipartUpload; returns the upload id.</summary>
        Task<string> InitiateAsync(CancellationToken cancel);

        /// <summary>UploadPart.</summary>
        Task<UploadedPart> UploadPartAsync(string uploadId, int partNumber, byte[] data, int count, CancellationToken cancel);

        /// <summary>CompleteMultipartUpload; returns the object's ETag.</summary>
        Task<string> CompleteAsync(string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken cancel);

        /// <summary>AbortMultipartUpload.</summary>
        Task AbortAsync(string uploadId, CancellationToken cancel);
    }

    /// <summary>
    /// <see cref="IObjectUploadTarget"/> over AWSSDK.S3. Bodies are sent with a plain signed payload
    /// (<c>UseChunkEncoding = false</c>): they are byte arrays already in memory, and S3-compatible
    /// servers such as s3rver store an aws-chunked body as sent, chunk signatures and all. Parts and
    /// the object carry a CRC32 checksum, which S3 checks (and CompleteMultipartUpload gets each part's
    /// back, as S3 requires when the upload was created with a checksum algorithm).
    /// </summary>
    internal sealed class S3ObjectUploadTarget : IObjectUploadTarget
    {
        private readonly IAmazonS3 _s3;

        public S3ObjectUploadTarget(IAmazonS3 s3, string bucket, string key, string contentType)
        {
            _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
            Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
            Key = key ?? throw new ArgumentNullException(nameof(key));
            ContentType = contentType;
        }

        public string Bucket { get; }

        public string Key { get; }

        public string ContentType { get; }

        public string Description => $"s3://{Bucket}/{Key}";

        public async Task<string> PutObjectAsync(byte[] data, int count, CancellationToken cancel)
        {
            using var body = new MemoryStream(data, 0, count, writable: false);
            var request = new PutObjectRequest
            {
                BucketName = Bucket,
                Key = Key,
                InputStream = body,
                AutoCloseStream = false,
                ContentType = ContentType,
                UseChunkEncoding = false,
                ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            };
            var response = await _s3.PutObjectAsync(request, cancel).ConfigureAwait(false);
            return response.ETag ?? string.Empty;
        }

        public async Task<string> InitiateAsync(CancellationToken cancel)
        {
            var request = new InitiateMultipartUploadRequest
            {
                BucketName = Bucket,
                Key = Key,
                ContentType = ContentType,
                ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            };
            var response = await _s3.InitiateMultipartUploadAsync(request, cancel).ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.UploadId))
            {
                throw new InvalidDataException($"CreateMultipartUpload for s3://{Bucket}/{Key} answered without an upload id.");
            }

            return response.UploadId;
        }

        public async Task<UploadedPart> UploadPartAsync(string uploadId, int partNumber, byte[] data, int count, CancellationToken cancel)
        {
            using var body = new MemoryStream(data, 0, count, writable: false);
            var request = new UploadPartRequest
            {
                BucketName = Bucket,
                Key = Key,
                UploadId = uploadId,
                PartNumber = partNumber,
                InputStream = body,
                PartSize = count,
                UseChunkEncoding = false,
                ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            };
            var response = await _s3.UploadPartAsync(request, cancel).ConfigureAwait(false);
            return new UploadedPart(partNumber, response.ETag ?? string.Empty, response.ChecksumCRC32);
        }

        public async Task<string> CompleteAsync(string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken cancel)
        {
            var request = new CompleteMultipartUploadRequest
            {
                BucketName = Bucket,
                Key = Key,
                UploadId = uploadId,
                PartETags = parts.Select(p => new PartETag { PartNumber = p.PartNumber, ETag = p.ETag, ChecksumCRC32 = p.ChecksumCrc32 }).ToList(),
            };
            var response = await _s3.CompleteMultipartUploadAsync(request, cancel).ConfigureAwait(false);
            return response.ETag ?? string.Empty;
        }

        public Task AbortAsync(string uploadId, CancellationToken cancel) =>
            _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = Key, UploadId = uploadId }, cancel);
    }
}
