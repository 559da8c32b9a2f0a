using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace S3ControlEmulator;

/// <summary>Entry point: parses the command line, starts Kestrel on 127.0.0.1 and the job ticker.</summary>
internal static class Program
{
    private const string Usage =
        "usage: S3ControlEmulator --port N [--credential AKID:SECRET:ACCOUNTID[:SESSIONTOKEN]]... [--s3-endpoint URL] [--step-ms N] [--parent-pid N]";

    public static async Task<int> Main(string[] args)
    {
        var port = 0;
        var stepMs = 100;
        int? parentPid = null;
        string? s3Endpoint = null;
        var credentials = new List<EmulatorCredential>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            try
            {
                switch (args[i])
                {
                    case "--port": port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--step-ms": stepMs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--parent-pid": parentPid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--s3-endpoint": s3Endpoint = Next().TrimEnd('/'); break;
                    case "--credential":
                        {
                            var parts = Next().Split(':', 4);
                            if (parts.Length < 3)
                            {
                                throw new ArgumentException($"--credential takes AKID:SECRET:ACCOUNTID[:SESSIONTOKEN].\n{Usage}");
                            }

                            credentials.Add(new EmulatorCredential(parts[0], parts[1], parts[2], parts.Length == 4 ? parts[3] : null, null, FromCommandLine: true));
                            break;
                        }

                    case "--help":
                    case "-h":
                        await Console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                        return 0;
                    default:
                        throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}");
                }
            }
            catch (FormatException)
            {
                await Console.Error.WriteLineAsync($"{args[i - 1]}: not a number.\n{Usage}").ConfigureAwait(false);
                return 2;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
        }

        if (credentials.Count == 0)
        {
            credentials.Add(new EmulatorCredential("AKIDS3BATCHTEST", "s3batch-test-secret-key", "123456789012", null, null, FromCommandLine: true));
        }

        var modelPath = Path.Combine(AppContext.BaseDirectory, "model", "s3control-jobs-model.json");
        var model = ServiceModel.Load(modelPath);
        var store = new JobStore(stepMs);
        using var runner = new JobRunner(store, s3Endpoint, model.Namespace);
        var api = new Api(model, store, runner, credentials);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            k.Listen(IPAddress.Loopback, port);
        });

        await using var app = builder.Build();
        app.Run(api.HandleAsync);

        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var actualPort = new Uri(address).Port;
        await Console.Out.WriteLineAsync($"Listening on http://127.0.0.1:{actualPort}").ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var ticker = Task.Run(() => runner.RunAsync(lifetime.ApplicationStopping));
        Task? watcher = null;
        if (parentPid is { } pid)
        {
            watcher = Task.Run(() => WatchParentAsync(pid, lifetime));
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await ticker.ConfigureAwait(false);
        if (watcher is not null)
        {
            await watcher.ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Stops the emulator when the parent process exits (polled twice a second).</summary>
    private static async Task WatchParentAsync(int pid, IHostApplicationLifetime lifetime)
    {
        var ct = lifetime.ApplicationStopping;
        while (!ct.IsCancellationRequested)
        {
            bool alive;
            try
            {
                using var p = Process.GetProcessById(pid);
                alive = !p.HasExited;
            }
            catch (ArgumentException)
            {
                alive = false;
            }
            catch (InvalidOperationException)
            {
                alive = false;
            }

            if (!alive)
            {
                lifetime.StopApplication();
                return;
            }

            try
            {
                await Task.Delay(500, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
