namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// The <c>source.incremental</c> section of a rest connector: each run after the first asks for the records updated
/// since the largest update time seen, minus <see cref="Overlap"/>.
/// </summary>
public sealed record RestIncrementalOptions(string Parameter, ResponsePath Field, UpdateTimeFormat Format)
{
    /// <summary>How far back before the largest time seen the next run starts. Default 5 min.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The parameter value of the very first run, or null to read everything.</summary>
    public string? InitialValue { get; init; }
}
