using System.Diagnostics;

namespace IntegrationHub.Pipeline;

/// <summary>The activity source of the pipeline stages (connector read, normalize, store).</summary>
public static class PipelineTelemetry
{
    public const string Name = "IntegrationHub.Pipeline";

    public static ActivitySource Source { get; } = new(Name);
}
