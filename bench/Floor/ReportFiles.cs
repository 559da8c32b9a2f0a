using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

// MD5 and SHA-1 are the checksum and the file names of the report format, not security.
#pragma warning disable CA5350, CA5351

namespace S3BatchBench;

/// <summary>One result file of a generated completion report.</summary>
public sealed record ReportFile(string TaskExecutionStatus, string Path, string Name, string Md5, long Rows, long Bytes);

/// <summary>
/// Writes the result CSV files of a completion report as S3 Batch Operations lays them out
/// (and as tests/S3ControlEmulator/JobRunner.cs writes them): no header,
/// <c>bucket,key (URL-encoded),version id,succeeded|failed,HTTP status,error code,message</c>,
/// one file per task status, <c>results/&lt;sha1&gt;.csv</c>.
/// </summary>
public static class ReportFiles
{
    /// <summary>
    /// Writes <paramref name="rows"/> rows into <paramref name="directory"/>: every
    /// <paramref name="failedEvery"/>-th task failed (404 NoSuchKey), the rest succeeded; every
    /// tenth key has a space (written %20), as real estates do.
    /// </summary>
    public static IReadOnlyList<ReportFile> Write(string directory, string jobId, string bucket, long rows, int failedEvery)
    {
        Directory.CreateDirectory(directory);
        var files = new List<ReportFile>();
        foreach (var (status, failed) in new[] { ("succeeded", false), ("failed", true) })
        {
            var name = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{jobId}/{status}"))) + ".csv";
            var path = System.IO.Path.Combine(directory, name);
            long count = 0;
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
            {
                for (long i = 0; i < rows; i++)
                {
                    if ((i % failedEvery == 0) != failed)
                    {
                        continue;
                    }

                    var key = i % 10 == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"photos/2024/{i % 366:000}/IMG%20{i:00000000}.jpg")
                        : string.Create(CultureInfo.InvariantCulture, $"photos/2024/{i % 366:000}/IMG_{i:00000000}.jpg");
                    writer.Write(bucket);
                    writer.Write(',');
                    writer.Write(key);
                    writer.WriteLine(failed
                        ? ",,failed,404,NoSuchKey,\"The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey)\""
                        : ",,succeeded,200,,Successful");
                    count++;
                }
            }

            if (count == 0)
            {
                File.Delete(path);
                continue;
            }

            using var read = File.OpenRead(path);
            files.Add(new ReportFile(status, path, name, Convert.ToHexStringLower(MD5.HashData(read)), count, new FileInfo(path).Length));
        }

        return files;
    }
}
