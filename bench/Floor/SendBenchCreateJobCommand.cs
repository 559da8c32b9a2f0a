using System;
using System.Management.Automation;

namespace S3BatchBench;

/// <summary>
/// Send-BenchCreateJob: the floor of the "one call per job" figure. One raw CreateJob
/// (<see cref="RawCreateJob.Post"/>) for every object piped in, its JobId written down the
/// pipeline; so that a loop of <c>$o | Send-BenchCreateJob ...</c> pays what PowerShell charges for
/// starting a pipeline, binding a piped object and writing the result, as the same loop of
/// <c>$o | New-S3BatchJob ...</c> does, and the difference between them is the module's own work.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "BenchCreateJob")]
[OutputType(typeof(string))]
public sealed class SendBenchCreateJobCommand : PSCmdlet
{
    /// <summary>Anything (the operation the module's loop pipes); only counted.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary>The floor's client.</summary>
    [Parameter(Mandatory = true)]
    public RawCreateJob Client { get; set; } = null!;

    /// <summary>The CreateJob body (the module's own request, taken from the emulator's log).</summary>
    [Parameter(Mandatory = true)]
    public string Body { get; set; } = null!;

    /// <summary>The ClientRequestToken in <see cref="Body"/>, replaced by a new GUID for each job.</summary>
    [Parameter(Mandatory = true)]
    public string Token { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord() =>
        WriteObject(Client.Post(Body.Replace(Token, Guid.NewGuid().ToString(), StringComparison.Ordinal)));
}
