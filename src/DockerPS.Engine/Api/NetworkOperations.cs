using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine.Errors;
using DockerPS.Engine.Http;
using DockerPS.Engine.Model;
using DockerPS.Engine.Wire;

namespace DockerPS.Engine.Api;

public sealed class NetworkCreateOptions
{
    public NetworkCreateOptions(string name) => Name = name;

    public string Name { get; }

    /// <summary>bridge (the default), overlay, macvlan, ...</summary>
    public string? Driver { get; set; }

    public string? Subnet { get; set; }

    public string? IPRange { get; set; }

    public string? Gateway { get; set; }

    public bool Internal { get; set; }

    public bool Attachable { get; set; }

    public bool EnableIPv6 { get; set; }

    public IDictionary<string, string>? Labels { get; set; }

    public IDictionary<string, string>? Options { get; set; }
}

/// <summary>Network calls: list, create, inspect, remove, connect, disconnect.</summary>
public sealed class NetworkOperations
{
    private readonly DockerClient _client;

    internal NetworkOperations(DockerClient client) => _client = client;

    private static DockerRequest On(string method, string network, string action = "") =>
        new(method, "/networks/" + Uri.EscapeDataString(network) + action) { ResourceKind = "Network", Target = network };

    /// <summary>GET /networks, with engine filters (name, id, driver, label, type, dangling).</summary>
    public async Task<IReadOnlyList<DockerNetwork>> ListAsync(DockerFilters? filters = null, CancellationToken cancellationToken = default)
    {
        var request = new DockerRequest("GET", "/networks") { ResourceKind = "Network" };
        if (filters is { IsEmpty: false }) request.Query("filters", filters.ToJson());
        var list = await _client.GetJsonAsync(request, WireJsonContext.Default.ListNetworkDto, cancellationToken).ConfigureAwait(false);
        return list.Select(n => new DockerNetwork(n, _client.Endpoint.Uri)).OrderBy(n => n.Name, StringComparer.Ordinal).ToArray();
    }

    public async Task<DockerNetwork> InspectAsync(string network, CancellationToken cancellationToken = default)
    {
        var dto = await _client.GetJsonAsync(On("GET", network), WireJsonContext.Default.NetworkDto, cancellationToken).ConfigureAwait(false);
        return new DockerNetwork(dto, _client.Endpoint.Uri);
    }

    /// <summary>POST /networks/create; returns the new network, inspected.</summary>
    public async Task<DockerNetwork> CreateAsync(NetworkCreateOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrWhiteSpace(options.Name))
            throw new DockerArgumentException("A network needs a name.", "InvalidNetworkName", options.Name);
        var ipam = options.Subnet is null && options.Gateway is null && options.IPRange is null
            ? null
            : new IpamDto { Driver = "default", Config = new List<IpamConfigDto> { new() { Subnet = options.Subnet, Gateway = options.Gateway, IPRange = options.IPRange } } };
        var body = new NetworkCreateDto
        {
            Name = options.Name,
            CheckDuplicate = true,
            Driver = options.Driver,
            Internal = options.Internal,
            Attachable = options.Attachable,
            EnableIPv6 = options.EnableIPv6,
            IPAM = ipam,
            Labels = options.Labels is null ? null : new Dictionary<string, string>(options.Labels),
            Options = options.Options is null ? null : new Dictionary<string, string>(options.Options),
        };
        var request = new DockerRequest("POST", "/networks/create")
        {
            ResourceKind = "Network",
            Target = options.Name,
            Body = DockerClient.Json(body, WireJsonContext.Default.NetworkCreateDto),
        };
        var created = await _client.GetJsonAsync(request, WireJsonContext.Default.IdResponseDto, cancellationToken).ConfigureAwait(false);
        return await InspectAsync(created.Id ?? options.Name, cancellationToken).ConfigureAwait(false);
    }

    public Task RemoveAsync(string network, CancellationToken cancellationToken = default) =>
        _client.SendAndDrainAsync(On("DELETE", network), cancellationToken);

    /// <summary>POST /networks/{id}/connect, with aliases and a static address when given.</summary>
    public Task ConnectAsync(string network, string container, IEnumerable<string>? aliases = null, string? ipv4Address = null, string? ipv6Address = null, CancellationToken cancellationToken = default)
    {
        var body = new NetworkConnectDto
        {
            Container = container,
            EndpointConfig = new NetworkEndpointConfigDto
            {
                Aliases = aliases?.ToList(),
                IPAMConfig = ipv4Address is null && ipv6Address is null ? null : new EndpointIpamConfigDto { IPv4Address = ipv4Address, IPv6Address = ipv6Address },
            },
        };
        var request = On("POST", network, "/connect");
        request.Body = DockerClient.Json(body, WireJsonContext.Default.NetworkConnectDto);
        return _client.SendAndDrainAsync(request, cancellationToken);
    }

    public Task DisconnectAsync(string network, string container, bool force = false, CancellationToken cancellationToken = default)
    {
        var request = On("POST", network, "/disconnect");
        request.Body = DockerClient.Json(new NetworkConnectDto { Container = container, Force = force }, WireJsonContext.Default.NetworkConnectDto);
        return _client.SendAndDrainAsync(request, cancellationToken);
    }
}
