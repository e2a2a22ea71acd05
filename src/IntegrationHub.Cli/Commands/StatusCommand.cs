using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub status</c>: every connector with its health and sync numbers, as a table or (<c>--json</c>) for scripts.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandBinder binder)
    {
        var command = new Command("status", "Show every connector's health (healthy, degraded, failing, stale, drifted) with its last success, lag, throughput and quarantine (and, in cdc mode, the log its replication slot keeps on the source and how far it lags), and every subscription's health (healthy, lagging, failing, disabled) with its backlog.");
        binder.SetAction(command, async (_, context, ct) =>
        {
            var summaries = await context.Api.GetSyncSummaryAsync(ct).ConfigureAwait(false);
            var health = (await context.Api.GetConnectorHealthAsync(ct).ConfigureAwait(false)).ToDictionary(h => h.Id, StringComparer.Ordinal);
            var report = new StatusReport
            {
                Connectors = [.. summaries.Select(s => Combine(s, health.GetValueOrDefault(s.Id)))],
                Subscriptions = await context.Api.GetSubscriptionHealthAsync(ct).ConfigureAwait(false),
            };
            if (context.Json)
            {
                await context.WriteJsonAsync(report, CliJsonContext.Default.StatusReport).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (report.Connectors.Length == 0)
            {
                await context.Out.WriteLineAsync("No connectors yet. Add one with: hub connectors add <file>.connector.json").ConfigureAwait(false);
            }
            else
            {
                var table = new TextTable("CONNECTOR", "HEALTH", "LAST SUCCESS", "LAG", "RECORDS/MIN>", "PULLED>", "QUARANTINED>", "OPEN QUARANTINE>", "SLOT WAL / LAG>", "REASON");
                foreach (var c in report.Connectors)
                {
                    table.Add(c.Id, c.State, Format.Time(c.LastSuccessAt), c.LagSeconds is { } lag ? Format.Duration(TimeSpan.FromSeconds(lag)) : "",
                        c.RecordsPerMinute?.ToString("N0", CultureInfo.InvariantCulture) ?? "", Format.Count(c.LastRun?.Pulled ?? 0),
                        Format.Count(c.LastRun?.Quarantined ?? 0), Format.Count(c.OpenQuarantine), Slot(c.ReplicationSlot), c.Reason);
                }

                await table.WriteAsync(context.Out).ConfigureAwait(false);
            }

            if (report.Subscriptions.Count > 0)
            {
                await context.Out.WriteLineAsync().ConfigureAwait(false);
                var subscriptions = new TextTable("SUBSCRIPTION", "HEALTH", "BACKLOG>", "CHANNELS", "REASON");
                foreach (var s in report.Subscriptions.OfType<JsonObject>())
                {
                    var channels = s["channels"]!.AsArray().OfType<JsonObject>()
                        .Select(c => $"{c["channel"]} {Format.Count(c["backlog"]!.GetValue<long>())}");
                    subscriptions.Add(s["id"]!.GetValue<string>(), s["state"]!.GetValue<string>(), Format.Count(s["backlog"]!.GetValue<long>()),
                        string.Join(", ", channels), s["reason"]!.GetValue<string>());
                }

                await subscriptions.WriteAsync(context.Out).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"1.2 GiB / 3.4 MiB" for a slot; "no slot" when it does not exist; "?" when the source could not say.</summary>
    private static string Slot(ReplicationSlotView? slot) => slot switch
    {
        null => "",
        { Error: not null } => "?",
        { Exists: false } => "no slot",
        _ => $"{Format.Bytes(slot.RetainedWalBytes)} / {Format.Bytes(slot.LagBytes)}",
    };

    private static ConnectorStatus Combine(ConnectorSyncView summary, ConnectorHealth? health) => new()
    {
        Id = summary.Id,
        Name = summary.Name,
        Enabled = summary.Enabled,
        State = health?.State ?? "unknown",
        Reason = health?.Reason,
        LastSuccessAt = summary.LastSuccessAt,
        LagSeconds = health?.LagSeconds,
        RecordsPerMinute = health?.RecordsPerMinute,
        OpenQuarantine = summary.OpenQuarantine,
        SourceRecords = summary.SourceRecords,
        LastRun = summary.LastRun,
        ReplicationSlot = health?.ReplicationSlot,
    };
}
