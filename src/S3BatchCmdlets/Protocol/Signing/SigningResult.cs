namespace S3Batch.Protocol.Signing
{
    /// <summary>
    /// What <see cref="SigV4Signer.Sign"/> computed, for tests and for diagnosing a
    /// <c>SignatureDoesNotMatch</c> (the service returns its own canonical request and string
    /// to sign in that error).
    /// </summary>
    /// <remarks>
    /// <see cref="CanonicalRequest"/> holds the session token in clear when there is one; write
    /// it anywhere only through <see cref="SignedRequestFormatter.RedactCanonicalRequest"/>.
    /// <see cref="ToString"/> is safe to log.
    /// </remarks>
    internal sealed class SigningResult
    {
        internal SigningResult(
            string canonicalRequest,
            string stringToSign,
            string signature,
            string signedHeaders,
            string credentialScope,
            string amzDate,
            string payloadHash,
            string authorization)
        {
            CanonicalRequest = canonicalRequest;
            StringToSign = stringToSign;
            Signature = signature;
            SignedHeaders = signedHeaders;
            CredentialScope = credentialScope;
            AmzDate = amzDate;
            PayloadHash = payloadHash;
            Authorization = authorization;
        }

        /// <summary>The canonical request (may hold the session token: see the remarks).</summary>
        public string CanonicalRequest { get; }

        /// <summary>The string to sign: algorithm, time, scope and the canonical request's hash.</summary>
        public string StringToSign { get; }

        /// <summary>The signature, lower-case hex.</summary>
        public string Signature { get; }

        /// <summary>The signed header names, lower case, sorted, joined with <c>;</c>.</summary>
        public string SignedHeaders { get; }

        /// <summary>The credential scope: <c>date/region/service/aws4_request</c>.</summary>
        public string CredentialScope { get; }

        /// <summary>The value sent as <c>X-Amz-Date</c>.</summary>
        public string AmzDate { get; }

        /// <summary>The payload hash used in the canonical request.</summary>
        public string PayloadHash { get; }

        /// <summary>The value sent as <c>Authorization</c>.</summary>
        public string Authorization { get; }

        /// <summary>A description without the signature or the session token.</summary>
        public override string ToString()
        {
            return "SigV4 " + SignedRequestFormatter.RedactAuthorization(Authorization) + " at " + AmzDate;
        }
    }
}
