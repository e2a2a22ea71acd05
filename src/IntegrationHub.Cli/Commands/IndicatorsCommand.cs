using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub indicators</c>: the 三项制度 compliance figures of a region or agency for a period.</summary>
internal static class IndicatorsCommand
{
    public static Command Create(CommandBinder binder)
    {
        var region = new Option<string?>("--region") { Description = "A region-code prefix, e.g. 61 or 610100 (default: everything)." };
        var agency = new Option<string?>("--agency") { Description = "One enforcing agency's USCC." };
        var period = new Option<string?>("--period") { Description = "2024, 2024-Q2 or 2024-05 (default: the current year)." };
        var units = new Option<bool>("--units") { Description = "One row per unit (agency and region) and indicator instead of the overall figures." };
        var command = new Command("indicators", "The compliance indicators (publication, recording, legal review …) with completion, target and 面上达标率.")
        {
            region, agency, period, units,
        };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var report = await context.Api.GetIndicatorsAsync(parseResult.GetValue(region), parseResult.GetValue(agency), parseResult.GetValue(period), ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Format(report)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var names = report["indicators"]!.AsArray().OfType<JsonObject>()
                .ToDictionary(i => i["code"]!.GetValue<string>(), i => i["nameZh"]!.GetValue<string>());
            var rows = report[parseResult.GetValue(units) ? "rows" : "overall"]!.AsArray().OfType<JsonObject>().ToList();
            var target = report["target"]!.GetValue<decimal>();
            await context.Out.WriteLineAsync($"Period {report["period"]}, target {Percent(target)}.").ConfigureAwait(false);
            var table = new TextTable("UNIT", "INDICATOR", "NAME", "MET>", "COUNTED>", "RATE>", "REACHED", "UNITS REACHING>");
            foreach (var row in rows)
            {
                var code = row["indicator"]!.GetValue<string>();
                table.Add(row["unitName"]!.GetValue<string>(), code, names.GetValueOrDefault(code, ""),
                    Format.Count(row["met"]!.GetValue<int>()), Format.Count(row["counted"]!.GetValue<int>()),
                    row["rate"] is JsonValue rate ? Percent(rate.GetValue<decimal>()) : "—",
                    row["meetsTarget"] is JsonValue reached ? (reached.GetValue<bool>() ? "yes" : "NO") : "—",
                    $"{row["unitsMeetingTarget"]}/{row["units"]}");
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Percent(decimal share) => (share * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
