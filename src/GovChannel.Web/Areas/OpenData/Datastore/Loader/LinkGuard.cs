using System.Net;
using System.Net.Sockets;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// Linked files are fetched by the server, so a link must not reach the server's own network: a publisher could
/// otherwise point a resource at an internal service or a cloud metadata address and read the answer back through
/// the DataStore. The loader's HTTP client connects only to public addresses, checked on the addresses it actually
/// connects to (after DNS, for every connection a redirect opens), unless <c>DatastoreLoadPrivateAddresses</c> is set.
/// </summary>
public static class LinkGuard
{
    /// <summary>The loader's connection handler: resolve, refuse internal addresses, connect to the checked ones.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        UseProxy = false,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } internalAddress)
            {
                throw new HttpRequestException(
                    $"{host} resolves to an internal address ({internalAddress}); the loader fetches only public addresses (GovChannel:DatastoreLoadPrivateAddresses).");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local, shared, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return false;
        }
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] switch
            {
                0 or 10 or 127 => false,                       // "this network", private, loopback
                100 when b[1] >= 64 && b[1] < 128 => false,    // shared address space (carrier-grade NAT)
                169 when b[1] == 254 => false,                 // link-local, cloud metadata services
                172 when b[1] >= 16 && b[1] < 32 => false,     // private
                192 when b[1] == 168 => false,                 // private
                192 when b[1] == 0 && b[2] == 0 => false,      // protocol assignments
                198 when b[1] is 18 or 19 => false,            // benchmarking
                >= 224 => false,                               // multicast, reserved, broadcast
                _ => true,
            };
        }
        return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }
}
