namespace S3Batch.Protocol.Signing
{
    /// <summary>
    /// How a request's path and payload are canonicalised for Signature Version 4.
    /// </summary>
    internal enum SigningMode
    {
        /// <summary>
        /// The rules of AWS's generic SigV4 test suite: the path is normalised (dot segments
        /// removed, repeated slashes collapsed) and every segment is URI-encoded once more on
        /// top of its wire form; no <c>x-amz-content-sha256</c> header is added.
        /// </summary>
        Generic = 0,

        /// <summary>
        /// Amazon S3's rules (used for S3 Control with the signing name <c>s3</c>): the path
        /// is signed exactly as it goes on the wire, neither normalised nor encoded again,
        /// and the payload hash is sent and signed as <c>x-amz-content-sha256</c>.
        /// </summary>
        S3 = 1,
    }
}
