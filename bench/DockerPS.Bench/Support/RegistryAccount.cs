namespace DockerPS.Bench.Support;

/// <summary>The test registry and the account the benchmarks log in with; printed, it shows the address only.</summary>
internal sealed record RegistryAccount(string Address, string Username, string Password)
{
    public override string ToString() => Address;
}
