using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace S3Batch.Tests.Aws
{
    /// <summary>A tiny HTTP server on 127.0.0.1 and a free port, answering with a handler.</summary>
    internal sealed class LocalHttpServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<RecordedRequest, int, (int Status, string Body, IDictionary<string, string>? Headers)> _handler;
        private readonly Task _loop;
        private int _count;

        public LocalHttpServer(Func<RecordedRequest, int, (int Status, string Body, IDictionary<string, string>? Headers)> handler)
        {
            _handler = handler;
            Port = FreePort();
            Url = $"http://127.0.0.1:{Port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public string Url { get; }

        public int Count => Volatile.Read(ref _count);

        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            try
            {
                return ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            finally
            {
                probe.Stop();
            }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    body = await reader.ReadToEndAsync().ConfigureAwait(false);
                }

                var request = new RecordedRequest(
                    context.Request.HttpMethod,
                    context.Request.RawUrl ?? string.Empty,
                    context.Request.Headers["Authorization"] ?? string.Empty,
                    context.Request.Headers["Host"] ?? string.Empty,
                    body);
                Requests.Enqueue(request);
                var n = Interlocked.Increment(ref _count);

                var (status, responseBody, headers) = _handler(request, n);
                context.Response.StatusCode = status;
                if (headers is not null)
                {
                    foreach (var (name, value) in headers)
                    {
                        context.Response.Headers[name] = value;
                    }
                }

                var bytes = Encoding.UTF8.GetBytes(responseBody);
                context.Response.ContentType = "text/xml";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Stopped.
            }
        }
    }

    internal sealed record RecordedRequest(string Method, string RawUrl, string Authorization, string Host, string Body);
}
