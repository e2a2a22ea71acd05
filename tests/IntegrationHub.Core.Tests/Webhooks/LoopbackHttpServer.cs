using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Core.Tests.Webhooks;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port that answers every request with one fixed response, and
/// counts connections so a test can show that a refused delivery never reached it.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string response;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private int connections;

    private LoopbackHttpServer(string response)
    {
        this.response = response;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref connections);

    public static LoopbackHttpServer RespondingOk() =>
        new("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");

    public static LoopbackHttpServer RespondingRedirectTo(string location) =>
        new($"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    public Uri Url(string host = "127.0.0.1") => new($"http://{host}:{Port}/hook");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stopping.Token);
            Interlocked.Increment(ref connections);
            var stream = client.GetStream();
            await ReadRequestHeadAsync(stream, stopping.Token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), stopping.Token);
        }
    }

    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                return;
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
