using System.Collections.Generic;
using System.IO;
using System.Text;

namespace S3BatchBench;

/// <summary>The floor of the report figure: a stream read line by line, each line handed on.</summary>
public static class Lines
{
    /// <summary>The lines of a UTF-8 stream, one at a time (PowerShell streams them down the pipeline).</summary>
    public static IEnumerable<string> Read(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            yield return line;
        }
    }
}
