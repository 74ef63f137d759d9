using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>Host ports that nothing listens on at the moment, for the recipes' published ports.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        // Hold all of them until every one is known, so that one call never returns the same port twice.
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Any, 0);
                listener.Start();
                listeners.Add(listener);
                ports[i] = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            return ports;
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }
}
