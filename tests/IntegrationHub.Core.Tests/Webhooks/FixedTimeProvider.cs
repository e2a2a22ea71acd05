namespace IntegrationHub.Core.Tests.Webhooks;

/// <summary>A clock stopped at one instant, so signature checks against the 2021 test vector are deterministic.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
