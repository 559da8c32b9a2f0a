using System.IO;
using System.Management.Automation;
using System.Text;

namespace S3BatchBench;

/// <summary>
/// Read-BenchLine: the floor of the report figure. Reads a stream line by line and writes each
/// line down the pipeline, so that the floor pays what PowerShell charges per object (writing it,
/// and the next command binding it) as Get-S3BatchJobReport does. An expression piped into
/// Out-Null is never enumerated at all, so the floor cannot be a plain `[Lines]::Read($s) | Out-Null`.
/// </summary>
[Cmdlet(VerbsCommunications.Read, "BenchLine")]
[OutputType(typeof(string))]
public sealed class ReadBenchLineCommand : PSCmdlet
{
    /// <summary>The stream to read (UTF-8); it is disposed at the end.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public Stream Stream { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        using var reader = new StreamReader(Stream, new UTF8Encoding(false), false, 1 << 16);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            WriteObject(line);
        }
    }
}
