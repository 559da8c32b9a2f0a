using System;
using System.Management.Automation;

namespace S3Batch.Loading
{
    /// <summary>
    /// An AWS SDK build the module cannot use is loaded in the session. Thrown by Import-Module
    /// (error id <see cref="ModuleInitAndCleanup.UnsupportedAwsSdkErrorId"/>) and, should the build be
    /// loaded after the import, by the first cmdlet that calls AWS.
    /// </summary>
    public sealed class UnsupportedAwsSdkException : InvalidOperationException, IContainsErrorRecord
    {
        /// <summary>Creates the exception with a generic message.</summary>
        public UnsupportedAwsSdkException()
            : this("An AWS SDK build that S3Batch cannot use is loaded in this session.")
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="message">Which build, from where, and what to do.</param>
        public UnsupportedAwsSdkException(string message)
            : this(message, null)
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="message">Which build, from where, and what to do.</param>
        /// <param name="innerException">The cause, if any.</param>
        public UnsupportedAwsSdkException(string message, Exception? innerException)
            : base(message, innerException)
        {
            ErrorRecord = new ErrorRecord(this, ModuleInitAndCleanup.UnsupportedAwsSdkErrorId, ErrorCategory.ResourceUnavailable, null);
        }

        /// <summary>The error record PowerShell shows.</summary>
        public ErrorRecord ErrorRecord { get; }
    }
}
