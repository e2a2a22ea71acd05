using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> behind <see cref="EgressPolicy.CreateHandler"/>. It resolves
/// the host once and connects the socket to an address it has just checked: resolving again (as a plain
/// <c>Socket.ConnectAsync(host, port)</c> would) lets a rebinding DNS server answer with 127.0.0.1 the second time.
/// </summary>
internal sealed class SafeConnectCallback(EgressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme;
        if (policy.RequireHttps && scheme != Uri.UriSchemeHttps)
            throw new EgressRefusedException(host, null, $"the {scheme ?? "unknown"} scheme is refused, https is required");

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
            throw new EgressRefusedException(host, null, "the host resolves to no address");

        // Any blocked answer refuses the host: otherwise an attacker lists one public and one internal address.
        foreach (var address in addresses)
        {
            var rule = policy.FindBlockingRule(address);
            if (rule is not null)
                throw new EgressRefusedException(host, address, rule);
        }

        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                lastFailure = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure!;
    }
}
