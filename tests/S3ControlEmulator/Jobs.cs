using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace S3ControlEmulator;

/// <summary>
/// One task of a job: an object of the manifest. <paramref name="ReportKey"/> is the key as
/// the manifest wrote it (URL-encoded); the completion report repeats it as written, as AWS
/// does (a key written %2520 in a manifest is reported %2520).
/// </summary>
internal sealed record JobTask(string Bucket, string Key, string? VersionId, string? ReportKey = null);

/// <summary>The outcome of a task, as the completion report lists it.</summary>
internal sealed record TaskResult(JobTask Task, bool Succeeded, int HttpStatus, string ErrorCode, string Message);

/// <summary>A stored job. Every field is read and written under <see cref="JobStore.Gate"/>.</summary>
internal sealed class Job
{
    public required string JobId { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string ClientRequestToken { get; init; }

    public required string BodyHash { get; init; }

    public required bool? ConfirmationRequired { get; init; }

    public required XElement Operation { get; init; }

    public required string OperationName { get; init; }

    public XElement? Manifest { get; init; }

    public XElement? ManifestGenerator { get; init; }

    public required XElement Report { get; init; }

    public required string RoleArn { get; init; }

    public string? Description { get; init; }

    public int Priority { get; set; }

    public List<KeyValuePair<string, string>> Tags { get; set; } = [];

    public string Status { get; set; } = "New";

    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>Order of creation, for "newest first" without ties.</summary>
    public required long Sequence { get; init; }

    public DateTimeOffset? TerminationDate { get; set; }

    public DateTimeOffset? SuspendedDate { get; set; }

    public string? SuspendedCause { get; set; }

    public string? StatusUpdateReason { get; set; }

    public List<(string Code, string Reason)> FailureReasons { get; } = [];

    public List<JobTask>? Tasks { get; set; }

    public List<TaskResult> Results { get; } = [];

    public int NextTask { get; set; }

    public DateTimeOffset NextStepAt { get; set; }

    public DateTimeOffset? ActiveSince { get; set; }

    public double ActiveSecondsBefore { get; set; }

    public XElement? GeneratedManifestDescriptor { get; set; }

    public bool ReportWritten { get; set; }

    public static bool IsTerminal(string status) => status is "Complete" or "Failed" or "Cancelled";

    /// <summary>ElapsedTimeInActiveSeconds: whole seconds spent in Active, rounded up once it ran.</summary>
    public long ElapsedActiveSeconds(DateTimeOffset now)
    {
        var total = ActiveSecondsBefore + (ActiveSince is { } s ? (now - s).TotalSeconds : 0);
        return total <= 0 ? 0 : (long)Math.Ceiling(total);
    }
}

/// <summary>A fault queued by a test for the next matching request.</summary>
internal sealed class Fault
{
    public string Operation { get; set; } = "*";

    public string Kind { get; set; } = "http500";

    public int Times { get; set; } = 1;

    public int DelayMs { get; set; }

    /// <summary>For kind <c>body</c>: the answer's status, body and content type, sent instead of the operation's.</summary>
    public int Status { get; set; } = 200;

    public string Body { get; set; } = string.Empty;

    public string ContentType { get; set; } = "application/xml";
}

/// <summary>One signed request, as the request log shows it.</summary>
internal sealed record LoggedRequest(string Operation, string Method, string Path, string Query, Dictionary<string, string> Headers, string Body);

/// <summary>Jobs, faults, the request log, extra credentials and the settable config.</summary>
internal sealed class JobStore
{
    private long _sequence;

    public JobStore(int defaultStepMs)
    {
        DefaultStepMs = defaultStepMs;
        StepMs = defaultStepMs;
    }

    public object Gate { get; } = new();

    public int DefaultStepMs { get; }

    public int StepMs { get; set; }

    public int ClockOffsetSeconds { get; set; }

    public int SyntheticTasks { get; set; } = 10;

    public List<Job> Jobs { get; } = [];

    public List<Fault> Faults { get; } = [];

    public List<LoggedRequest> Requests { get; } = [];

    public List<EmulatorCredential> ExtraCredentials { get; } = [];

    /// <summary>The emulator's clock: the real clock plus the settable offset.</summary>
    public DateTimeOffset Now => DateTimeOffset.UtcNow.AddSeconds(ClockOffsetSeconds);

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Reset()
    {
        lock (Gate)
        {
            Jobs.Clear();
            Faults.Clear();
            Requests.Clear();
            ExtraCredentials.Clear();
            StepMs = DefaultStepMs;
            ClockOffsetSeconds = 0;
            SyntheticTasks = 10;
        }
    }

    /// <summary>Takes the next fault for an operation, if one is queued.</summary>
    public Fault? TakeFault(string operation)
    {
        lock (Gate)
        {
            var f = Faults.FirstOrDefault(x => x.Times > 0 && (x.Operation == "*" || string.Equals(x.Operation, operation, StringComparison.Ordinal)));
            if (f is null)
            {
                return null;
            }

            f.Times--;
            if (f.Times <= 0)
            {
                Faults.Remove(f);
            }

            return new Fault { Operation = f.Operation, Kind = f.Kind, Times = 1, DelayMs = f.DelayMs, Status = f.Status, Body = f.Body, ContentType = f.ContentType };
        }
    }

    public static string NewJobId() => Guid.NewGuid().ToString("D");

    public static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An opaque ListJobs token: base64 with a fixed head, so it always holds '+', '/' and '='.</summary>
    public static string MakeNextToken(string accountId, string lastJobId)
    {
        var payload = Encoding.UTF8.GetBytes($"v1|{accountId}|{lastJobId}");
        var bytes = new byte[] { 0xFB, 0xEF, 0xFF }.Concat(payload).ToList();
        while (bytes.Count % 3 != 1)
        {
            bytes.Add((byte)' ');
        }

        return Convert.ToBase64String(bytes.ToArray());
    }

    public static string? ReadNextToken(string token, string accountId)
    {
        try
        {
            var bytes = Convert.FromBase64String(token);
            if (bytes.Length < 4 || bytes[0] != 0xFB || bytes[1] != 0xEF || bytes[2] != 0xFF)
            {
                return null;
            }

            var parts = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).TrimEnd(' ').Split('|');
            return parts.Length == 3 && parts[0] == "v1" && parts[1] == accountId ? parts[2] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
