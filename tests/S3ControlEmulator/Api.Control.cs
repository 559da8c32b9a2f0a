using System.Text;
using System.Text.Json;

namespace S3ControlEmulator;

/// <summary>The control API under /_emulator/: unsigned, for tests only.</summary>
internal sealed partial class Api
{
    private static readonly HashSet<string> FaultKinds = new(StringComparer.Ordinal)
    {
        "http500", "slowDown", "throttle", "resetBefore", "resetAfter", "delay", "truncate", "body",
    };

    private async Task HandleControlAsync(HttpContext ctx, string path, string requestId)
    {
        string body;
        using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        }

        int status;
        string text;
        var contentType = "application/json";
        try
        {
            (status, text) = Control(ctx.Request.Method, path, body);
            if (path == "/_emulator/health")
            {
                contentType = "text/plain";
            }
        }
        catch (ApiException e)
        {
            status = e.StatusCode;
            text = Json(new { code = e.Code, message = e.Message });
        }
        catch (JsonException e)
        {
            status = 400;
            text = Json(new { code = "InvalidJson", message = e.Message });
        }
        catch (InvalidOperationException e)
        {
            status = 400;
            text = Json(new { code = "InvalidJson", message = e.Message });
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.Headers["x-amz-request-id"] = requestId;
        ctx.Response.Headers.Date = _store.Now.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private (int Status, string Body) Control(string method, string path, string body)
    {
        switch (method, path)
        {
            case ("GET", "/_emulator/health"):
                return (200, "ok");
            case ("POST", "/_emulator/reset"):
                _store.Reset();
                return (200, Json(new { reset = true }));
            case ("GET", "/_emulator/requests"):
                lock (_store.Gate)
                {
                    return (200, Json(_store.Requests.Select(r => new { operation = r.Operation, method = r.Method, path = r.Path, query = r.Query, headers = r.Headers, body = r.Body }).ToList()));
                }

            case ("GET", "/_emulator/jobs"):
                lock (_store.Gate)
                {
                    return (200, Json(_store.Jobs.OrderBy(j => j.Sequence).Select(j => new
                    {
                        jobId = j.JobId,
                        accountId = j.AccountId,
                        status = j.Status,
                        clientRequestToken = j.ClientRequestToken,
                        priority = j.Priority,
                        description = j.Description,
                        tags = j.Tags.Select(t => new { key = t.Key, value = t.Value }).ToList(),
                        confirmationRequired = j.ConfirmationRequired,
                    }).ToList()));
                }

            case ("POST", "/_emulator/config"):
                {
                    using var doc = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
                    lock (_store.Gate)
                    {
                        foreach (var p in doc.RootElement.EnumerateObject())
                        {
                            switch (p.Name)
                            {
                                case "stepMs": _store.StepMs = Math.Max(1, p.Value.GetInt32()); break;
                                case "clockOffsetSeconds": _store.ClockOffsetSeconds = p.Value.GetInt32(); break;
                                case "syntheticTasks": _store.SyntheticTasks = Math.Max(0, p.Value.GetInt32()); break;
                                default: throw new ApiException("InvalidRequest", $"Unknown config member '{p.Name}'.");
                            }
                        }

                        return (200, Json(new { stepMs = _store.StepMs, clockOffsetSeconds = _store.ClockOffsetSeconds, syntheticTasks = _store.SyntheticTasks }));
                    }
                }

            case ("POST", "/_emulator/credentials"):
                {
                    using var doc = JsonDocument.Parse(body);
                    var r = doc.RootElement;
                    string? S(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    var ak = S("accessKey");
                    var sk = S("secretKey");
                    var account = S("accountId");
                    if (string.IsNullOrEmpty(ak) || string.IsNullOrEmpty(sk) || string.IsNullOrEmpty(account))
                    {
                        throw new ApiException("InvalidRequest", "accessKey, secretKey and accountId are required.");
                    }

                    DateTimeOffset? expires = r.TryGetProperty("expiresInSeconds", out var e) && e.ValueKind == JsonValueKind.Number
                        ? _store.Now.AddSeconds(e.GetInt32())
                        : null;
                    lock (_store.Gate)
                    {
                        _store.ExtraCredentials.Add(new EmulatorCredential(ak, sk, account, S("sessionToken"), expires, FromCommandLine: false));
                    }

                    return (200, Json(new { added = ak }));
                }

            case ("POST", "/_emulator/faults"):
                {
                    using var doc = JsonDocument.Parse(body);
                    var entries = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
                    var faults = new List<Fault>();
                    foreach (var f in entries)
                    {
                        var fault = new Fault
                        {
                            Operation = f.TryGetProperty("operation", out var o) ? o.GetString() ?? "*" : "*",
                            Kind = f.TryGetProperty("kind", out var k) ? k.GetString() ?? "http500" : "http500",
                            Times = f.TryGetProperty("times", out var t) ? t.GetInt32() : 1,
                            DelayMs = f.TryGetProperty("delayMs", out var d) ? d.GetInt32() : 0,
                            Status = f.TryGetProperty("status", out var st) ? st.GetInt32() : 200,
                            Body = f.TryGetProperty("body", out var b) ? b.GetString() ?? string.Empty : string.Empty,
                            ContentType = f.TryGetProperty("contentType", out var ct) ? ct.GetString() ?? "application/xml" : "application/xml",
                        };
                        if (!FaultKinds.Contains(fault.Kind))
                        {
                            throw new ApiException("InvalidRequest", $"Unknown fault kind '{fault.Kind}'; use one of {string.Join(", ", FaultKinds)}.");
                        }

                        if (fault.Operation != "*" && fault.Operation != "GetCallerIdentity" && _model.Operations.All(op => op.Name != fault.Operation))
                        {
                            throw new ApiException("InvalidRequest", $"Unknown operation '{fault.Operation}'.");
                        }

                        faults.Add(fault);
                    }

                    lock (_store.Gate)
                    {
                        _store.Faults.AddRange(faults.Where(f => f.Times > 0));
                        return (200, FaultsJson());
                    }
                }

            case ("GET", "/_emulator/faults"):
                lock (_store.Gate)
                {
                    return (200, FaultsJson());
                }

            default:
                break;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (method == "POST" && segments.Length == 4 && segments[1] == "jobs" && segments[3] is "pause" or "resume")
        {
            lock (_store.Gate)
            {
                var j = _store.Jobs.FirstOrDefault(x => x.JobId == segments[2])
                    ?? throw new ApiException("NotFoundException", $"No job {segments[2]}.");
                if (segments[3] == "pause")
                {
                    if (j.Status != "Active")
                    {
                        throw new ApiException("JobStatusException", $"Job {j.JobId} is in status {j.Status}; only an Active job can be paused.");
                    }

                    _runner.StopActiveClock(j);
                    j.Status = "Pausing";
                }
                else
                {
                    if (j.Status != "Paused")
                    {
                        throw new ApiException("JobStatusException", $"Job {j.JobId} is in status {j.Status}; only a Paused job can be resumed.");
                    }

                    j.Status = "Active";
                    j.ActiveSince = _store.Now;
                }

                j.NextStepAt = _store.Now.AddMilliseconds(_store.StepMs);
                return (200, Json(new { jobId = j.JobId, status = j.Status }));
            }
        }

        throw new ApiException("NotFound", $"No control endpoint {method} {path}.");
    }

    private string FaultsJson() =>
        Json(_store.Faults.Select(f => new { operation = f.Operation, kind = f.Kind, times = f.Times, delayMs = f.DelayMs, status = f.Status }).ToList());
}
