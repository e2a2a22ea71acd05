using System.Globalization;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// The size of the fault tests. By default they are short (a few thousand records, a few faults each) so that CI runs
/// every fault kind in minutes; tests/scripts/fault-campaign.sh sets <c>HUB_FAULT_CAMPAIGN=long</c> for the campaign of
/// docs/reliability.md (100,000 records, each fault repeated at many random points). <c>HUB_FAULT_SEED</c> repeats a
/// campaign's random choices; every failure names the seed it ran with.
/// </summary>
public static class FaultCampaign
{
    public const string Category = "Faults";

    public static bool IsLong => Environment.GetEnvironmentVariable("HUB_FAULT_CAMPAIGN") == "long";

    public static int Seed { get; } = Environment.GetEnvironmentVariable("HUB_FAULT_SEED") is { Length: > 0 } seed
        ? int.Parse(seed, CultureInfo.InvariantCulture)
        : Random.Shared.Next(1, 1_000_000);

    /// <summary>The short value in CI, the long one in the campaign.</summary>
    public static int Scale(int shortValue, int longValue) => IsLong ? longValue : shortValue;

    /// <summary>
    /// Where a faulted hub's output goes: the test artifacts (deploy/scripts/test.sh keeps them with the results), so
    /// that what the hub said during the faults can be read afterwards. Every process of one test appends to one file.
    /// </summary>
    public static string HubLog(string test) =>
        Path.Combine(Harness.TestArtifacts.Folder("faults"), $"{test}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-seed{Seed}.log");

    /// <summary>How long a whole faulted sync may take before the test gives up.</summary>
    public static TimeSpan Patience => IsLong ? TimeSpan.FromHours(2) : TimeSpan.FromMinutes(6);
}
