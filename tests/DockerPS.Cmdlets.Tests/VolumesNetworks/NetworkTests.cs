using System;
using System.Linq;
using System.Threading.Tasks;
using DockerPS.Cmdlets.Tests.Support;
using DockerPS.Engine.Model;
using DockerPS.Engine.Tests.Support;

namespace DockerPS.Cmdlets.Tests.VolumesNetworks;

/// <summary>Networks as SEEDS.md section 4 uses them: a server on a network of its own, aliases, a static address, host mode.</summary>
public sealed class NetworkTests
{
    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Containers_meet_on_a_network_by_name_alias_and_static_address(string engine)
    {
        await using var t = new EngineScope(engine);
        // A subnet per engine and run, away from the engines' default pools and the engine tests' 10.201/10.202.
        var prefix = $"10.{(engine == "engine20" ? 211 : 212)}.{Random.Shared.Next(1, 250)}";
        t.Shell.Set("subnet", prefix + ".0/24");
        t.Shell.Set("gateway", prefix + ".1");
        t.Shell.Set("address", prefix + ".77");
        var network = t.Ps("New-DockerNetwork $network -Subnet $subnet -Gateway $gateway -Label @{ 'dpshost-run' = $run }", ("network", t.Name("net"))).One<DockerNetwork>();
        Assert.Equal(t.Name("net"), network.Name);
        Assert.Equal("bridge", network.Driver);
        Assert.Equal(new[] { prefix + ".0/24" }, network.Subnets);
        Assert.Equal(t.Name("net"), t.Ps("Get-DockerNetwork $id", ("id", network.Id[..12])).One<DockerNetwork>().Name);
        Assert.Equal("NetworkConflict", t.Ps("New-DockerNetwork $network").ErrorIds.Single());

        var server = t.Ps("Invoke-DockerRun -Detach -Name \"dpshost-server-$run\" -Label $label -Network $network $busybox sleep 300").One<DockerContainer>();
        Assert.Equal(new[] { t.Name("net") }, server.Networks);
        var other = t.Ps("Invoke-DockerRun -Detach -Name \"dpshost-other-$run\" -Label $label $busybox sleep 300").One<DockerContainer>();
        Assert.DoesNotContain(t.Name("net"), other.Networks);

        var connected = t.Ps("Get-DockerContainer \"dpshost-other-$run\" | Connect-DockerNetwork $network -Alias \"dpshost-alias-$run\" -IPAddress $address -PassThru").One<DockerContainer>();
        Assert.Contains(t.Name("net"), connected.Networks);
        var attachment = t.Ps("(Get-DockerContainer \"dpshost-other-$run\" -Inspect).Networks | Where-Object Network -EQ $network").One<DockerNetworkAttachment>();
        Assert.Equal(prefix + ".77", attachment.IPAddress);
        Assert.Contains($"dpshost-alias-{t.Run}", attachment.Aliases);
        Assert.Contains($"dpshost-other-{t.Run}", t.Ps("Get-DockerNetwork $network -Inspect").One<DockerNetwork>().Containers);

        // The engine's DNS on the network answers the container's name and its alias (resolved, never contacted).
        var lookup = t.Ps("""
            Invoke-DockerExec "dpshost-server-$run" nslookup "dpshost-alias-$run" 2>$null
            Invoke-DockerExec "dpshost-other-$run" nslookup "dpshost-server-$run" 2>$null
            """);
        Assert.Contains(lookup.Lines, l => l.Contains(prefix + ".77", StringComparison.Ordinal));
        Assert.Contains(lookup.Lines, l => l.Contains(server.IPAddresses.Single(), StringComparison.Ordinal));

        t.Ps("Disconnect-DockerNetwork $network \"dpshost-other-$run\"").ThrowIfFailed();
        Assert.DoesNotContain(t.Name("net"), t.Ps("Get-DockerContainer \"dpshost-other-$run\"").One<DockerContainer>().Networks);

        // A network with a container on it is refused; -WhatIf removes nothing; then it goes.
        var refused = t.Ps("Remove-DockerNetwork $network -Confirm:$false");
        var error = Assert.Single(refused.Errors);
        Assert.Equal(t.Name("net"), error.TargetObject);
        Assert.Contains("active endpoints", error.Exception.Message, StringComparison.Ordinal);
        t.Ps("Remove-DockerContainer \"dpshost-server-$run\" -Force; Remove-DockerNetwork $network -WhatIf").ThrowIfFailed();
        Assert.Contains(await t.Client.Networks.ListAsync(), n => n.Name == t.Name("net"));
        t.Ps("Get-DockerNetwork $network | Remove-DockerNetwork -Confirm:$false").ThrowIfFailed();
        Assert.DoesNotContain(await t.Client.Networks.ListAsync(), n => n.Name == t.Name("net"));
    }

    [EngineTheory]
    [MemberData(nameof(TestEnvironment.EngineNames), MemberType = typeof(TestEnvironment))]
    public async Task Network_host_shares_the_host_network_and_the_engine_networks_are_kept(string engine)
    {
        await using var t = new EngineScope(engine);
        var details = t.Ps("""
            $null = Invoke-DockerRun -Detach -Name $name -Label $label -Network host $busybox sleep 300
            Get-DockerContainer $name -Inspect
            """, ("name", t.Name("host"))).One<DockerContainerDetails>();
        Assert.Equal("host", details.HostConfig.NetworkMode);
        Assert.Contains(details.Networks, n => n.Network == "host");
        Assert.Equal(Environment.MachineName, t.Ps("Invoke-DockerExec $name hostname").ThrowIfFailed().Lines.Single());

        var refused = t.Ps("Remove-DockerNetwork bridge -Confirm:$false");
        Assert.Equal("bridge", Assert.Single(refused.Errors).TargetObject);
        Assert.Equal("bridge", t.Ps("Get-DockerNetwork bridge").One<DockerNetwork>().Name);
    }
}
