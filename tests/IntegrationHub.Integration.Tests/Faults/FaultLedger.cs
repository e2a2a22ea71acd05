using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// The campaign's results: one JSON line per faulted sync, appended to the file named by <c>HUB_FAULT_RESULTS</c>
/// (tests/scripts/fault-campaign.sh sets it and turns the lines into the table of docs/reliability.md). Without it,
/// nothing is written.
/// </summary>
public static class FaultLedger
{
    private static readonly Lock Gate = new();

    public static void Record(string fault, string stack, string injection, int injections, AuditReport report, int records, TimeSpan took, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Environment.GetEnvironmentVariable("HUB_FAULT_RESULTS") is not { Length: > 0 } path)
            return;
        var line = new JsonObject
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["fault"] = fault,
            ["stack"] = stack,
            ["injection"] = injection,
            ["injections"] = injections,
            ["runs"] = report.Runs,
            ["records"] = records,
            ["feedEvents"] = report.FeedEvents,
            ["lost"] = report.Lost,
            ["doubled"] = report.Doubled,
            ["problems"] = report.Problems.Count,
            ["seconds"] = Math.Round(took.TotalSeconds),
            ["seed"] = FaultCampaign.Seed,
            ["scale"] = FaultCampaign.IsLong ? "long" : "short",
            ["notes"] = notes,
            ["runOutcomes"] = report.RunOutcomes,
            ["runErrors"] = new JsonArray([.. report.RunErrors.Distinct(StringComparer.Ordinal).Select(e => (JsonNode)e)]),
        };
        lock (Gate)
            File.AppendAllText(path, line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
