using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.Features;

namespace S3ControlEmulator;

/// <summary>An answer, built before it is written (so that faults can cut or drop it).</summary>
internal sealed record Reply(int Status, string Body, string ContentType = "application/xml");

/// <summary>
/// The HTTP side: the signed AWS operations (S3 Control jobs, STS GetCallerIdentity) and
/// the unsigned control API under /_emulator/.
/// </summary>
internal sealed partial class Api
{
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private readonly ServiceModel _model;
    private readonly JobStore _store;
    private readonly JobRunner _runner;
    private readonly List<EmulatorCredential> _cliCredentials;
    private readonly XNamespace _ns;

    public Api(ServiceModel model, JobStore store, JobRunner runner, List<EmulatorCredential> credentials)
    {
        _model = model;
        _store = store;
        _runner = runner;
        _cliCredentials = credentials;
        _ns = model.Namespace;
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var rawTarget = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (ctx.Request.Path + ctx.Request.QueryString).ToString();
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var rawQuery = q < 0 ? string.Empty : rawTarget[(q + 1)..];
        var requestId = NewRequestId();

        if (rawPath.StartsWith("/_emulator/", StringComparison.Ordinal))
        {
            await HandleControlAsync(ctx, rawPath, requestId).ConfigureAwait(false);
            return;
        }

        byte[] body;
        using (var ms = new MemoryStream())
        {
            await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted).ConfigureAwait(false);
            body = ms.ToArray();
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in ctx.Request.Headers)
        {
            foreach (var v in h.Value)
            {
                headers.Add(new(h.Key, v ?? string.Empty));
            }
        }

        var raw = new RawRequest(ctx.Request.Method, rawPath, rawQuery, headers, body);
        var bodyText = Encoding.UTF8.GetString(body);

        // Which operation is it?
        var uriParams = new Dictionary<string, string>(StringComparer.Ordinal);
        var isSts = ctx.Request.Method == "POST" && (rawPath == "/" || rawPath.Length == 0) && raw.Header("x-amz-account-id") is null;
        OperationDef? op = null;
        string opName;
        if (isSts)
        {
            var form = ParseForm(bodyText);
            opName = form.TryGetValue("Action", out var a) ? a : "Unknown";
        }
        else
        {
            op = _model.Match(ctx.Request.Method, rawPath, uriParams);
            opName = op?.Name ?? "Unknown";
        }

        lock (_store.Gate)
        {
            _store.Requests.Add(new LoggedRequest(
                opName,
                ctx.Request.Method,
                rawPath,
                rawQuery,
                headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => string.Join(",", g.Select(x => x.Value)), StringComparer.Ordinal),
                bodyText));
            if (_store.Requests.Count > 10_000)
            {
                _store.Requests.RemoveAt(0);
            }
        }

        Fault? fault = null;
        Reply reply;
        try
        {
            if (!isSts && op is null)
            {
                throw new ApiException("MethodNotAllowed", $"The emulator has no operation for {ctx.Request.Method} {rawPath}.");
            }

            var signer = SigV4Verifier.Verify(raw, s3Mode: !isSts, expectedService: isSts ? "sts" : "s3", LookupCredential, _store.Now);

            fault = _store.TakeFault(opName);
            if (fault is not null)
            {
                switch (fault.Kind)
                {
                    case "resetBefore":
                        ctx.Abort();
                        return;
                    case "delay":
                        await Task.Delay(Math.Clamp(fault.DelayMs, 0, 600_000), ctx.RequestAborted).ConfigureAwait(false);
                        break;
                    case "http500":
                        throw new ApiException("InternalError", "We encountered an internal error. Please try again.");
                    case "slowDown":
                        throw new ApiException("SlowDown", "Please reduce your request rate.");
                    case "throttle":
                        throw new ApiException("TooManyRequestsException", "Too many requests. Please slow down.");
                    default:
                        break;
                }
            }

            reply = fault?.Kind == "body"
                ? new Reply(fault.Status, fault.Body, fault.ContentType)
                : isSts ? CallerIdentity(signer, bodyText, requestId) : Dispatch(op!, raw, signer, uriParams, rawQuery, body);
        }
        catch (ApiException e)
        {
            reply = ErrorReply(e, requestId, isSts);
        }
        catch (OperationCanceledException)
        {
            return;
        }
#pragma warning disable CA1031 // Any other failure is the emulator's own: answer InternalError, keep serving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"S3ControlEmulator: internal error on {opName}: {e}").ConfigureAwait(false);
            reply = ErrorReply(new ApiException("InternalError", "We encountered an internal error. Please try again."), requestId, isSts);
        }

        if (fault?.Kind == "resetAfter")
        {
            ctx.Abort();
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        ctx.Response.StatusCode = reply.Status;
        ctx.Response.Headers["x-amz-request-id"] = requestId;
        ctx.Response.Headers["x-amz-id-2"] = HostId(requestId);
        ctx.Response.Headers.Date = _store.Now.ToString("r", CultureInfo.InvariantCulture);
        ctx.Response.ContentLength = bytes.Length;
        if (bytes.Length > 0)
        {
            ctx.Response.ContentType = reply.ContentType;
        }

        if (fault?.Kind == "truncate")
        {
            await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
            await ctx.Response.Body.FlushAsync().ConfigureAwait(false);
            ctx.Abort();
            return;
        }

        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private EmulatorCredential? LookupCredential(string accessKey)
    {
        lock (_store.Gate)
        {
            return _store.ExtraCredentials.LastOrDefault(c => c.AccessKey == accessKey)
                ?? _cliCredentials.FirstOrDefault(c => c.AccessKey == accessKey);
        }
    }

    // ------------------------------------------------------------------ S3 Control

    private Reply Dispatch(OperationDef op, RawRequest raw, SignerInfo signer, Dictionary<string, string> uriParams, string rawQuery, byte[] body)
    {
        var query = ParseQuery(rawQuery);
        XElement? xml = null;
        if (body.Length > 0)
        {
            try
            {
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
                using var reader = XmlReader.Create(new MemoryStream(body), settings);
                xml = XDocument.Load(reader).Root;
            }
            catch (XmlException)
            {
                throw new ApiException("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
            }
        }

        _model.ValidateInput(op, raw.Header, uriParams, query, xml);

        var account = raw.Header("x-amz-account-id")!;
        if (!string.Equals(account, signer.Credential.AccountId, StringComparison.Ordinal))
        {
            throw new ApiException("AccessDenied", "Access Denied");
        }

        var host = raw.Header("Host") ?? string.Empty;
        var firstLabel = host.Split('.')[0];
        if (host.Contains('.', StringComparison.Ordinal) && firstLabel.Length == 12 && firstLabel.All(char.IsAsciiDigit) && firstLabel != account)
        {
            // The host prefix <AccountId>. must name the same account as the header.
            throw new ApiException("InvalidRequest", $"The account ID in the host ({firstLabel}) does not match x-amz-account-id ({account}).");
        }

        uriParams.TryGetValue("id", out var jobId);
        return op.Name switch
        {
            "CreateJob" => CreateJob(xml!, account, signer.Region, body),
            "DescribeJob" => DescribeJob(account, jobId!),
            "ListJobs" => ListJobs(account, query),
            "UpdateJobPriority" => UpdateJobPriority(account, jobId!, query),
            "UpdateJobStatus" => UpdateJobStatus(account, jobId!, query),
            "GetJobTagging" => GetJobTagging(account, jobId!),
            "PutJobTagging" => PutJobTagging(account, jobId!, xml!),
            "DeleteJobTagging" => DeleteJobTagging(account, jobId!),
            _ => throw new ApiException("MethodNotAllowed", $"Operation {op.Name} is not served by the emulator."),
        };
    }

    private Reply CreateJob(XElement req, string account, string region, byte[] body)
    {
        XElement? E(XElement parent, string name) => parent.Element(_ns + name);
        var operation = E(req, "Operation")!;
        var report = E(req, "Report")!;
        var manifest = E(req, "Manifest");
        var generator = E(req, "ManifestGenerator");
        var token = E(req, "ClientRequestToken")!.Value;

        // Rules the service applies beyond the model.
        var opMembers = operation.Elements().ToList();
        if (opMembers.Count != 1)
        {
            throw new ApiException("InvalidRequest", $"Operation must name exactly one operation; it names {opMembers.Count}.");
        }

        if ((manifest is null) == (generator is null))
        {
            throw new ApiException("InvalidRequest", "A job needs exactly one of Manifest and ManifestGenerator.");
        }

        if (E(report, "Enabled")!.Value == "true" && (E(report, "Bucket") is null || E(report, "Format") is null))
        {
            throw new ApiException("InvalidRequest", "An enabled job report needs a Bucket and a Format.");
        }

        if (manifest is not null && E(E(manifest, "Spec")!, "Format")!.Value == "S3BatchOperations_CSV_20180820")
        {
            var fields = E(E(manifest, "Spec")!, "Fields")?.Elements(_ns + "member").Select(m => m.Value).ToList() ?? [];
            if (!fields.Contains("Bucket") || !fields.Contains("Key"))
            {
                throw new ApiException("InvalidRequest", "A CSV manifest's Spec.Fields must name Bucket and Key.");
            }
        }

        var tags = ReadTags(E(req, "Tags"));
        CheckJobTags(tags);
        var opName = opMembers[0].Name.LocalName;
        var copy = E(operation, "S3PutObjectCopy");
        if (copy is not null)
        {
            CheckObjectTags(ReadTags(E(copy, "NewObjectTagging")), "NewObjectTagging");
            var meta = E(copy, "NewObjectMetadata");
            var userMeta = meta is null ? null : E(meta, "UserMetadata");
            if (userMeta is not null)
            {
                var size = userMeta.Elements(_ns + "entry").Sum(e => Encoding.UTF8.GetByteCount(e.Element(_ns + "key")!.Value) + Encoding.UTF8.GetByteCount(e.Element(_ns + "value")!.Value));
                if (size > 2048)
                {
                    throw new ApiException("InvalidRequest", $"The user metadata of the copy takes {size} bytes; keys and values together may take at most 2 KB (2048 bytes).");
                }
            }
        }

        if (E(operation, "S3PutObjectTagging") is { } tagging)
        {
            CheckObjectTags(ReadTags(E(tagging, "TagSet")), "TagSet");
        }

        var bodyHash = JobStore.Hash(body);
        lock (_store.Gate)
        {
            var existing = _store.Jobs.FirstOrDefault(j => j.AccountId == account && j.ClientRequestToken == token);
            if (existing is not null)
            {
                if (existing.BodyHash != bodyHash)
                {
                    throw new ApiException("IdempotencyException", $"The ClientRequestToken '{token}' was already used with a different request.");
                }

                return Result("CreateJobResult", new XElement(_ns + "JobId", existing.JobId));
            }

            var confirmation = E(req, "ConfirmationRequired")?.Value;
            var job = new Job
            {
                JobId = JobStore.NewJobId(),
                AccountId = account,
                Region = region,
                ClientRequestToken = token,
                BodyHash = bodyHash,
                ConfirmationRequired = confirmation is null ? null : confirmation == "true",
                Operation = new XElement(operation),
                OperationName = opName,
                Manifest = manifest is null ? null : new XElement(manifest),
                ManifestGenerator = generator is null ? null : new XElement(generator),
                Report = new XElement(report),
                RoleArn = E(req, "RoleArn")!.Value,
                Description = E(req, "Description")?.Value,
                Priority = int.Parse(E(req, "Priority")!.Value, CultureInfo.InvariantCulture),
                Tags = tags,
                CreationTime = _store.Now,
                Sequence = _store.NextSequence(),
            };
            job.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
            _store.Jobs.Add(job);
            return Result("CreateJobResult", new XElement(_ns + "JobId", job.JobId));
        }
    }

    private Job FindJob(string account, string jobId) =>
        _store.Jobs.FirstOrDefault(j => j.AccountId == account && j.JobId == jobId)
        ?? throw new ApiException("NotFoundException", $"The specified job {jobId} does not exist.");

    private Reply DescribeJob(string account, string jobId)
    {
        lock (_store.Gate)
        {
            var j = FindJob(account, jobId);
            var now = _store.Now;
            var d = new XElement(_ns + "Job");
            d.Add(new XElement(_ns + "JobId", j.JobId));
            d.Add(new XElement(_ns + "ConfirmationRequired", j.ConfirmationRequired != false ? "true" : "false"));
            if (j.Description is not null)
            {
                d.Add(new XElement(_ns + "Description", j.Description));
            }

            d.Add(new XElement(_ns + "JobArn", $"arn:aws:s3:{j.Region}:{j.AccountId}:job/{j.JobId}"));
            d.Add(new XElement(_ns + "Status", j.Status));
            if (j.Manifest is not null)
            {
                d.Add(new XElement(j.Manifest));
            }

            d.Add(new XElement(j.Operation));
            d.Add(new XElement(_ns + "Priority", j.Priority.ToString(CultureInfo.InvariantCulture)));
            d.Add(Progress(j, now));
            if (j.StatusUpdateReason is not null)
            {
                d.Add(new XElement(_ns + "StatusUpdateReason", j.StatusUpdateReason));
            }

            if (j.FailureReasons.Count > 0)
            {
                d.Add(new XElement(
                    _ns + "FailureReasons",
                    j.FailureReasons.Select(f => new XElement(_ns + "member", new XElement(_ns + "FailureCode", f.Code), new XElement(_ns + "FailureReason", f.Reason)))));
            }

            d.Add(new XElement(j.Report));
            d.Add(new XElement(_ns + "CreationTime", JobStore.Iso(j.CreationTime)));
            if (j.TerminationDate is { } td)
            {
                d.Add(new XElement(_ns + "TerminationDate", JobStore.Iso(td)));
            }

            d.Add(new XElement(_ns + "RoleArn", j.RoleArn));
            if (j.SuspendedDate is { } sd)
            {
                d.Add(new XElement(_ns + "SuspendedDate", JobStore.Iso(sd)));
            }

            if (j.SuspendedCause is not null)
            {
                d.Add(new XElement(_ns + "SuspendedCause", j.SuspendedCause));
            }

            if (j.ManifestGenerator is not null)
            {
                d.Add(new XElement(j.ManifestGenerator));
            }

            if (j.GeneratedManifestDescriptor is not null)
            {
                d.Add(new XElement(j.GeneratedManifestDescriptor));
            }

            return Result("DescribeJobResult", d);
        }
    }

    private XElement Progress(Job j, DateTimeOffset now)
    {
        var succeeded = j.Results.Count(r => r.Succeeded);
        var failed = j.Results.Count - succeeded;
        return new XElement(
            _ns + "ProgressSummary",
            new XElement(_ns + "TotalNumberOfTasks", (j.Tasks?.Count ?? 0).ToString(CultureInfo.InvariantCulture)),
            new XElement(_ns + "NumberOfTasksSucceeded", succeeded.ToString(CultureInfo.InvariantCulture)),
            new XElement(_ns + "NumberOfTasksFailed", failed.ToString(CultureInfo.InvariantCulture)),
            new XElement(_ns + "Timers", new XElement(_ns + "ElapsedTimeInActiveSeconds", j.ElapsedActiveSeconds(now).ToString(CultureInfo.InvariantCulture))));
    }

    private Reply ListJobs(string account, Dictionary<string, List<string>> query)
    {
        var statuses = query.TryGetValue("jobStatuses", out var s) ? s.ToHashSet(StringComparer.Ordinal) : null;
        var max = query.TryGetValue("maxResults", out var m) ? int.Parse(m[0], CultureInfo.InvariantCulture) : 1000;
        if (max <= 0)
        {
            max = 1000;
        }

        lock (_store.Gate)
        {
            var all = _store.Jobs.Where(j => j.AccountId == account && (statuses is null || statuses.Contains(j.Status)))
                .OrderByDescending(j => j.Sequence).ToList();
            var start = 0;
            if (query.TryGetValue("nextToken", out var t))
            {
                var last = JobStore.ReadNextToken(t[0], account);
                var idx = last is null ? -1 : _store.Jobs.Where(j => j.AccountId == account).OrderByDescending(j => j.Sequence).ToList().FindIndex(j => j.JobId == last);
                if (idx < 0)
                {
                    throw new ApiException("InvalidNextTokenException", "The continuation token provided is invalid.");
                }

                var lastSeq = _store.Jobs.First(j => j.JobId == last).Sequence;
                start = all.FindIndex(j => j.Sequence < lastSeq);
                if (start < 0)
                {
                    start = all.Count;
                }
            }

            var page = all.Skip(start).Take(max).ToList();
            var result = new List<object>();
            if (start + page.Count < all.Count && page.Count > 0)
            {
                result.Add(new XElement(_ns + "NextToken", JobStore.MakeNextToken(account, page[^1].JobId)));
            }

            var now = _store.Now;
            result.Add(new XElement(_ns + "Jobs", page.Select(j =>
            {
                var e = new XElement(_ns + "member", new XElement(_ns + "JobId", j.JobId));
                if (j.Description is not null)
                {
                    e.Add(new XElement(_ns + "Description", j.Description));
                }

                e.Add(new XElement(_ns + "Operation", j.OperationName));
                e.Add(new XElement(_ns + "Priority", j.Priority.ToString(CultureInfo.InvariantCulture)));
                e.Add(new XElement(_ns + "Status", j.Status));
                e.Add(new XElement(_ns + "CreationTime", JobStore.Iso(j.CreationTime)));
                if (j.TerminationDate is { } td)
                {
                    e.Add(new XElement(_ns + "TerminationDate", JobStore.Iso(td)));
                }

                e.Add(Progress(j, now));
                return e;
            })));
            return Result("ListJobsResult", [.. result]);
        }
    }

    private Reply UpdateJobPriority(string account, string jobId, Dictionary<string, List<string>> query)
    {
        var priority = int.Parse(query["priority"][0], CultureInfo.InvariantCulture);
        lock (_store.Gate)
        {
            var j = FindJob(account, jobId);
            j.Priority = priority;
            return Result(
                "UpdateJobPriorityResult",
                new XElement(_ns + "JobId", j.JobId),
                new XElement(_ns + "Priority", priority.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private Reply UpdateJobStatus(string account, string jobId, Dictionary<string, List<string>> query)
    {
        var requested = query["requestedJobStatus"][0];
        var reason = query.TryGetValue("statusUpdateReason", out var r) ? r[0] : null;
        lock (_store.Gate)
        {
            var j = FindJob(account, jobId);
            if (requested == "Ready")
            {
                if (j.Status != "Suspended")
                {
                    throw new ApiException("JobStatusException", $"Job {j.JobId} is in status {j.Status}; only a job in status Suspended can be moved to Ready.");
                }

                j.Status = "Ready";
            }
            else
            {
                if (j.Status is not ("New" or "Preparing" or "Suspended" or "Ready" or "Active" or "Pausing" or "Paused"))
                {
                    throw new ApiException("JobStatusException", $"Job {j.JobId} is in status {j.Status} and cannot be cancelled.");
                }

                _runner.StopActiveClock(j);
                j.Status = "Cancelling";
            }

            j.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
            if (reason is not null)
            {
                j.StatusUpdateReason = reason;
            }

            var children = new List<object> { new XElement(_ns + "JobId", j.JobId), new XElement(_ns + "Status", j.Status) };
            if (j.StatusUpdateReason is not null)
            {
                children.Add(new XElement(_ns + "StatusUpdateReason", j.StatusUpdateReason));
            }

            return Result("UpdateJobStatusResult", [.. children]);
        }
    }

    private Reply GetJobTagging(string account, string jobId)
    {
        lock (_store.Gate)
        {
            var j = FindJob(account, jobId);
            return Result("GetJobTaggingResult", new XElement(_ns + "Tags", j.Tags.Select(t => new XElement(_ns + "member", new XElement(_ns + "Key", t.Key), new XElement(_ns + "Value", t.Value)))));
        }
    }

    private Reply PutJobTagging(string account, string jobId, XElement req)
    {
        var tags = ReadTags(req.Element(_ns + "Tags"));
        CheckJobTags(tags);
        lock (_store.Gate)
        {
            var j = FindJob(account, jobId);
            j.Tags = tags;
            return new Reply(200, string.Empty);
        }
    }

    private Reply DeleteJobTagging(string account, string jobId)
    {
        lock (_store.Gate)
        {
            var j = FindJob(account, jobId);
            j.Tags = [];
            return new Reply(200, string.Empty);
        }
    }

    private List<KeyValuePair<string, string>> ReadTags(XElement? tagSet) =>
        tagSet?.Elements(_ns + "member").Select(m => new KeyValuePair<string, string>(m.Element(_ns + "Key")!.Value, m.Element(_ns + "Value")!.Value)).ToList() ?? [];

    /// <summary>Job tags (interface.md, "Limits beyond the model"): at most 50, unique keys.</summary>
    private static void CheckJobTags(List<KeyValuePair<string, string>> tags)
    {
        if (tags.Count > 50)
        {
            throw new ApiException("TooManyTagsException", $"A job can have at most 50 tags; the request has {tags.Count}.");
        }

        CheckTagKeys(tags, "job tags");
    }

    /// <summary>Object tags (interface.md, "Limits beyond the model"): at most 10, unique keys.</summary>
    private static void CheckObjectTags(List<KeyValuePair<string, string>> tags, string what)
    {
        if (tags.Count > 10)
        {
            throw new ApiException("InvalidRequest", $"{what}: an object can have at most 10 tags; the request has {tags.Count}.");
        }

        CheckTagKeys(tags, what);
    }

    private static void CheckTagKeys(List<KeyValuePair<string, string>> tags, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tags)
        {
            if (t.Key.Length is < 1 or > 128 || t.Value.Length > 256)
            {
                throw new ApiException("InvalidRequest", $"{what}: a tag key takes 1-128 characters and a value 0-256 ('{t.Key}').");
            }

            if (!seen.Add(t.Key))
            {
                throw new ApiException("InvalidRequest", $"{what}: the tag key '{t.Key}' appears more than once.");
            }
        }
    }

    private Reply Result(string name, params object[] content) =>
        new(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + new XElement(_ns + name, content).ToString(SaveOptions.DisableFormatting));

    // ------------------------------------------------------------------ STS

    private static Reply CallerIdentity(SignerInfo signer, string bodyText, string requestId)
    {
        var form = ParseForm(bodyText);
        if (!form.TryGetValue("Action", out var action) || action != "GetCallerIdentity")
        {
            throw new ApiException("InvalidAction", $"Could not find operation {action} for version {form.GetValueOrDefault("Version")}");
        }

        if (!form.TryGetValue("Version", out var version) || version != "2011-06-15")
        {
            throw new ApiException("InvalidAction", $"Could not find operation {action} for version {version}");
        }

        XNamespace ns = StsNamespace;
        var c = signer.Credential;
        var arn = c.SessionToken is null
            ? $"arn:aws:iam::{c.AccountId}:user/s3batch-test"
            : $"arn:aws:sts::{c.AccountId}:assumed-role/s3batch-test-role/s3batch-session";
        var userId = c.SessionToken is null ? "AIDA" + c.AccessKey.ToUpperInvariant() : "AROA" + c.AccessKey.ToUpperInvariant() + ":s3batch-session";
        var doc = new XElement(
            ns + "GetCallerIdentityResponse",
            new XElement(
                ns + "GetCallerIdentityResult",
                new XElement(ns + "Arn", arn),
                new XElement(ns + "UserId", userId),
                new XElement(ns + "Account", c.AccountId)),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        return new Reply(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doc.ToString(SaveOptions.DisableFormatting), "text/xml");
    }

    // ------------------------------------------------------------------ errors

    private static Reply ErrorReply(ApiException e, string requestId, bool sts)
    {
        XElement doc;
        if (sts)
        {
            XNamespace ns = StsNamespace;
            doc = new XElement(
                ns + "ErrorResponse",
                new XElement(ns + "Error", new XElement(ns + "Type", e.StatusCode >= 500 ? "Receiver" : "Sender"), new XElement(ns + "Code", e.Code), new XElement(ns + "Message", e.Message)),
                new XElement(ns + "RequestId", requestId));
        }
        else
        {
            doc = new XElement(
                "ErrorResponse",
                new XElement("Error", new XElement("Code", e.Code), new XElement("Message", e.Message)),
                new XElement("RequestId", requestId),
                new XElement("HostId", HostId(requestId)));
        }

        return new Reply(e.StatusCode, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doc.ToString(SaveOptions.DisableFormatting));
    }

    private static string NewRequestId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private static string HostId(string requestId) => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(requestId)));

    private static Dictionary<string, List<string>> ParseQuery(string rawQuery)
    {
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var k = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var v = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
            if (!d.TryGetValue(k, out var list))
            {
                d[k] = list = [];
            }

            list.Add(v);
        }

        return d;
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var k = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var v = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            d[k] = v;
        }

        return d;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);
}
