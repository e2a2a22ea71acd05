using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Commands.Quarantine;

/// <summary>How quarantine entries read in tables and messages.</summary>
internal static class QuarantineText
{
    /// <summary>The distinct rules an entry broke, in the order of its reasons.</summary>
    public static string Rules(QuarantineView entry) =>
        string.Join(", ", entry.Reasons.Select(r => r.Rule).OfType<string>().Distinct(StringComparer.Ordinal));

    public static string Entries(long count) => count == 1 ? "1 entry" : $"{Output.Format.Count(count)} entries";
}
