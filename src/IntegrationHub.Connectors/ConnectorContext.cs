namespace IntegrationHub.Connectors;

/// <summary>What a connector may know of the hub it runs in.</summary>
public sealed record ConnectorContext(string DataDirectory)
{
    /// <summary>How long a connection check may wait for the first page.</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The checkpoints the store holds now (the host wires it to the store). A connector that reads a database's log asks
    /// it while it streams, so that it confirms to its source only positions whose records are committed: the source may
    /// recycle its log up to what is confirmed. Null where there is no store (a connector used on its own).
    /// </summary>
    public IStoredCheckpoints? Checkpoints { get; init; }

    /// <summary>
    /// The read only samples the source (check, discover, preview): the connector leaves nothing behind on it — no
    /// replication slot, nothing confirmed — and may read the current rows instead of its log.
    /// </summary>
    public bool Sampling { get; init; }

    /// <summary>What a source may hand the hub at once (<c>Hub:Limits</c>).</summary>
    public SourceLimits Limits { get; init; } = SourceLimits.Default;

    /// <summary>Expands <c>{dataDirectory}</c> and <c>${ENVIRONMENT_VARIABLE}</c> in a configuration value.</summary>
    public string Expand(string value)
    {
        var expanded = value.Replace("{dataDirectory}", DataDirectory, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(expanded, @"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}",
            match => Environment.GetEnvironmentVariable(match.Groups["name"].Value)
                ?? throw new InvalidOperationException($"The environment variable '{match.Groups["name"].Value}' named in a connector configuration is not set."));
    }
}
