namespace IntegrationHub.Core.Tests.Calendar;

/// <summary>A clock stopped at one instant, for time-dependent deadline checks.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
