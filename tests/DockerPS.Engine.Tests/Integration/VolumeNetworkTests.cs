using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Engine.Api;
using DockerPS.Engine.Arguments;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Engine.Tests.Integration;

/// <summary>Volumes and networks against both real engines.</summary>
public class VolumeNetworkTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task A_named_volume_outlives_its_container(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var name = "dps-svn-root-" + Guid.NewGuid().ToString("n")[..8];
        var volume = await client.Volumes.CreateAsync(name, labels: new Dictionary<string, string> { ["dockerps.test"] = "1" });
        try
        {
            Assert.Equal(name, volume.Name);
            Assert.Equal("local", volume.Driver);
            Assert.Equal("1", volume.Labels["dockerps.test"]);
            Assert.Equal(volume.Name, (await client.Volumes.CreateAsync(name)).Name); // creating it again returns it

            await using (var scope = new ContainerScope(client))
            {
                var writer = await client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
                {
                    Command = new[] { "sh", "-c", "echo kept > /home/svn/data" },
                    Binds = new[] { name + ":/home/svn" },
                });
                scope.Track(writer);
                await client.Containers.StartAsync(writer);
                Assert.Equal(0, await client.Containers.WaitAsync(writer));
                var inUse = await Assert.ThrowsAsync<DockerConflictException>(() => client.Volumes.RemoveAsync(name));
                Assert.Contains("in use", inUse.Message);
                await client.Containers.RemoveAsync(writer);
            }

            await using (var scope = new ContainerScope(client))
            {
                var reader = await scope.StartedAsync("reader");
                var id = await client.Containers.CreateAsync(new ContainerCreateOptions(TestEnvironment.BusyboxImage)
                {
                    Command = new[] { "sleep", "300" },
                    Mounts = new[] { MountSpecification.Parse($"type=volume,source={name},target=/data,readonly", p => p) },
                });
                scope.Track(id);
                await client.Containers.StartAsync(id);
                var (o, _, _) = await EngineClientTests.ExecAsync(client, id, new[] { "cat", "/data/data" }, null);
                Assert.Equal("kept\n", o);
                var (_, err, code) = await EngineClientTests.ExecAsync(client, id, new[] { "touch", "/data/x" }, null);
                Assert.NotEqual(0, code);
                Assert.Contains("Read-only", err);
                Assert.Contains((await client.Containers.InspectAsync(id)).Mounts, m => m.Name == name && !m.ReadWrite);
            }

            var filters = new DockerFilters().Add("label", "dockerps.test=1").Add("name", name);
            Assert.Single(await client.Volumes.ListAsync(filters));
        }
        finally
        {
            await client.Volumes.RemoveAsync(name, force: true);
        }
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Volumes.InspectAsync(name));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Networks_connect_containers_with_aliases_and_static_addresses(string engine)
    {
        using var client = TestEnvironment.Client(engine);
        var name = "dps-net-" + Guid.NewGuid().ToString("n")[..8];
        // A subnet per engine and run, away from both engines' default pools.
        var third = Random.Shared.Next(1, 250);
        var subnet = $"10.{(engine == "engine20" ? 201 : 202)}.{third}.0/24";
        var network = await client.Networks.CreateAsync(new NetworkCreateOptions(name)
        {
            Subnet = subnet,
            Gateway = $"10.{(engine == "engine20" ? 201 : 202)}.{third}.1",
            Labels = new Dictionary<string, string> { ["dockerps.test"] = "1" },
        });
        try
        {
            Assert.Equal(name, network.Name);
            Assert.Equal("bridge", network.Driver);
            Assert.Equal(new[] { subnet }, network.Subnets);
            var dup = await Assert.ThrowsAnyAsync<DockerApiException>(() => client.Networks.CreateAsync(new NetworkCreateOptions(name)));
            Assert.Contains("already exists", dup.Message);

            await using var scope = new ContainerScope(client);
            var a = await scope.StartedAsync("net-a");
            var b = await scope.StartedAsync("net-b");
            var ip = $"10.{(engine == "engine20" ? 201 : 202)}.{third}.77";
            await client.Networks.ConnectAsync(name, a, new[] { "svn" }, ip);
            await client.Networks.ConnectAsync(name, b);

            var attached = (await client.Containers.InspectAsync(a)).Networks.Single(n => n.Network == name);
            Assert.Equal(ip, attached.IPAddress);
            Assert.Contains("svn", attached.Aliases);
            Assert.Equal(2, (await client.Networks.InspectAsync(name)).Containers.Count);

            // b reaches a by its alias on the user network.
            var (o, _, code) = await EngineClientTests.ExecAsync(client, b, new[] { "ping", "-c", "1", "-W", "2", "svn" }, null);
            Assert.True(code == 0, o);
            Assert.Contains(ip, o);

            await client.Networks.DisconnectAsync(name, a);
            Assert.DoesNotContain((await client.Containers.InspectAsync(a)).Networks, n => n.Network == name);
            var inUse = await Assert.ThrowsAnyAsync<DockerApiException>(() => client.Networks.RemoveAsync(name));
            Assert.Contains("active endpoints", inUse.Message);
            await client.Networks.DisconnectAsync(name, b, force: true);
        }
        finally
        {
            await client.Networks.RemoveAsync(name);
        }
        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.Networks.InspectAsync(name));
        Assert.Contains(await client.Networks.ListAsync(), n => n.Name == "bridge");
    }
}
