namespace S3Batch
{
    /// <summary>What kind of failure a stable error is; the cmdlets turn it into an ErrorCategory.</summary>
    internal enum FailureKind
    {
        /// <summary>A value the user gave cannot be used.</summary>
        InvalidArgument,

        /// <summary>Data read (a manifest, a report) is not what it should be.</summary>
        InvalidData,

        /// <summary>Something named does not exist.</summary>
        NotFound,

        /// <summary>It exists, but is not ready yet.</summary>
        Busy,

        /// <summary>It exists already, and may not be replaced.</summary>
        Exists,

        /// <summary>It may not be changed.</summary>
        Denied,
    }

    /// <summary>
    /// An exception the module raises with a stable error id (the cmdlet puts its own name in front)
    /// and the kind of failure it is, so that one place makes every such ErrorRecord.
    /// </summary>
    internal interface IStableError
    {
        /// <summary>The stable error id, for example <c>RegionNotFound</c>.</summary>
        string ErrorId { get; }

        /// <summary>What kind of failure it is.</summary>
        FailureKind Kind { get; }
    }
}
