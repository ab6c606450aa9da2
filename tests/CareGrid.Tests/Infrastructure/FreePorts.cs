using System.Net;
using System.Net.Sockets;

namespace CareGrid.Tests.Infrastructure;

/// <summary>Picks free TCP ports on 127.0.0.1 so several silos can run side by side in one test run.</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
