using System.Net;
using System.Net.Sockets;

namespace CareGrid.Benchmarks.Infra;

/// <summary>Free TCP ports on 127.0.0.1, never the same one twice in a run.</summary>
internal static class Ports
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    /// <summary>A port that nothing listens on now.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Gate)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free TCP port found on 127.0.0.1.");
    }
}
