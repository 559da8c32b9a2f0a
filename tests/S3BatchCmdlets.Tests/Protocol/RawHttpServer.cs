using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace S3Batch.Tests.Protocol
{
    /// <summary>What the server does with one request.</summary>
    internal sealed record RawReply(byte[]? Bytes, bool Reset = false, TimeSpan? DelayFirst = null, TimeSpan? StallAfter = null)
    {
        /// <summary>A whole HTTP/1.1 answer.</summary>
        public static RawReply Http(int status, string body, string? extraHeaders = null, int? declaredLength = null, int? sendBytes = null, bool reset = false)
        {
            var payload = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {status} X\r\nContent-Type: application/xml\r\nContent-Length: {declaredLength ?? payload.Length}\r\nx-amz-request-id: REQ{status}\r\nConnection: close\r\n{(extraHeaders?.StartsWith("Date:", StringComparison.Ordinal) == true ? string.Empty : $"Date: {DateTime.UtcNow:r}\r\n")}{extraHeaders}\r\n";
            var bytes = new byte[Encoding.ASCII.GetByteCount(head) + Math.Min(sendBytes ?? payload.Length, payload.Length)];
            Encoding.ASCII.GetBytes(head, 0, head.Length, bytes, 0);
            Array.Copy(payload, 0, bytes, Encoding.ASCII.GetByteCount(head), bytes.Length - Encoding.ASCII.GetByteCount(head));
            return new RawReply(bytes, reset);
        }

        /// <summary>The connection is reset before any answer.</summary>
        public static RawReply ResetNow() => new(null, Reset: true);

        /// <summary>No answer for <paramref name="delay"/>, then <paramref name="then"/>.</summary>
        public static RawReply Silent(TimeSpan delay, RawReply then) => then with { DelayFirst = delay };

        /// <summary><paramref name="first"/> (for example headers and half a body), then nothing more for <paramref name="stall"/>.</summary>
        public static RawReply Stalled(RawReply first, TimeSpan stall) => first with { StallAfter = stall };
    }

    internal sealed record RawRequest(string Method, string Target, string Headers, string Body)
    {
        public string? Header(string name)
        {
            foreach (var line in Headers.Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line.Substring(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return line.Substring(colon + 1).Trim();
                }
            }

            return null;
        }
    }

    /// <summary>
    /// An HTTP/1.1 server on 127.0.0.1 that answers each request (one per connection) with whatever the
    /// handler says, byte for byte: resets, cut-off bodies, silence. For the client's fault handling.
    /// </summary>
    internal sealed class RawHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<RawRequest, int, RawReply> _handler;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _count;

        public RawHttpServer(Func<RawRequest, int, RawReply> handler)
        {
            _handler = handler;
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }

        public int Count => Volatile.Read(ref _count);

        public ConcurrentQueue<RawRequest> Requests { get; } = new();

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = await ReadRequestAsync(stream).ConfigureAwait(false);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    var reply = _handler(request, Interlocked.Increment(ref _count));
                    if (reply.DelayFirst is { } delay)
                    {
                        await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
                    }

                    if (reply.Bytes is not null)
                    {
                        await stream.WriteAsync(reply.Bytes, _stop.Token).ConfigureAwait(false);
                        await stream.FlushAsync().ConfigureAwait(false);
                    }

                    if (reply.StallAfter is { } stall)
                    {
                        await Task.Delay(stall, _stop.Token).ConfigureAwait(false);
                    }

                    if (reply.Reset)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                    }
                    else
                    {
                        client.Client.Shutdown(SocketShutdown.Send);
                        await Task.Delay(50).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client went away.
                }
            }
        }

        private static async Task<RawRequest?> ReadRequestAsync(NetworkStream stream)
        {
            var buffer = new MemoryStream();
            var one = new byte[8192];
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
            {
                var n = await stream.ReadAsync(one).ConfigureAwait(false);
                if (n == 0)
                {
                    return null;
                }

                buffer.Write(one, 0, n);
            }

            var all = buffer.ToArray();
            var head = Encoding.ASCII.GetString(all, 0, headerEnd);
            var firstLine = head.Substring(0, head.IndexOf("\r\n", StringComparison.Ordinal));
            var headers = head.Substring(firstLine.Length + 2);
            var parts = firstLine.Split(' ');
            var request = new RawRequest(parts[0], parts[1], headers, string.Empty);
            var length = int.TryParse(request.Header("Content-Length"), out var l) ? l : 0;
            var body = new MemoryStream();
            body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
            while (body.Length < length)
            {
                var n = await stream.ReadAsync(one).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                body.Write(one, 0, n);
            }

            return request with { Body = Encoding.UTF8.GetString(body.ToArray()) };
        }

        private static int IndexOfHeaderEnd(MemoryStream buffer)
        {
            var bytes = buffer.GetBuffer();
            for (var i = 0; i + 3 < buffer.Length; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Stopped.
            }

            _stop.Dispose();
        }
    }
}
