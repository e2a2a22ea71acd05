using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// The <c>source.cdc</c> section of a sql connector in <c>cdc</c> mode (schemas/connectors/sql.schema.json documents each
/// setting): the publication and replication slot on the source, and how the stream is cut into runs and pages.
/// </summary>
public sealed partial record ChangeCaptureOptions
{
    public const int DefaultRunSeconds = 300;
    public const int DefaultFlushMilliseconds = 200;
    public const int DefaultIdleCheckpointSeconds = 10;

    /// <summary>The publication over the connector's table (<c>hub_{connector id}</c> unless named).</summary>
    public required string Publication { get; init; }

    /// <summary>The logical replication slot that keeps the source's log for the hub (<c>hub_{connector id}</c> unless named).</summary>
    public required string Slot { get; init; }

    /// <summary>How long one run streams; on a <c>continuous</c> schedule the next starts as soon as it ends.</summary>
    public int RunSeconds { get; init; } = DefaultRunSeconds;

    /// <summary>The longest a change waits to be sent on: a page is cut at the next commit after this.</summary>
    public int FlushMilliseconds { get; init; } = DefaultFlushMilliseconds;

    /// <summary>
    /// With no change to the table for this long, the run still stores the source's log position (an empty page), so that
    /// the source may recycle the log that other tables and databases wrote meanwhile.
    /// </summary>
    public int IdleCheckpointSeconds { get; init; } = DefaultIdleCheckpointSeconds;

    public SlotLossPolicy OnSlotLost { get; init; } = SlotLossPolicy.Fail;

    public static ChangeCaptureOptions From(JsonObject? cdc, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(connectorId);
        cdc ??= [];
        string? Text(string name) => cdc[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0 => text,
            var other => throw new ConnectorConfigurationException(connectorId, $"source.cdc.{name}", $"must be a non-empty string, not {other.ToJsonString()}."),
        };

        var slot = Text("slot") ?? DefaultName(connectorId);
        if (!SlotName().IsMatch(slot))
            throw new ConnectorConfigurationException(connectorId, "source.cdc.slot", $"'{slot}' is not a replication slot name: lower-case letters, digits and _ only, at most 63.");
        var publication = Text("publication") ?? DefaultName(connectorId);
        if (!PublicationName().IsMatch(publication))
            throw new ConnectorConfigurationException(connectorId, "source.cdc.publication", $"'{publication}' is not a publication name: a letter or _ then letters, digits or _, at most 63.");
        var onSlotLost = Text("onSlotLost") ?? "fail";
        return new ChangeCaptureOptions
        {
            Publication = publication,
            Slot = slot,
            RunSeconds = Bounded(cdc, "runSeconds", DefaultRunSeconds, 1, 86_400, connectorId),
            FlushMilliseconds = Bounded(cdc, "flushMilliseconds", DefaultFlushMilliseconds, 0, 60_000, connectorId),
            IdleCheckpointSeconds = Bounded(cdc, "idleCheckpointSeconds", DefaultIdleCheckpointSeconds, 1, 3_600, connectorId),
            OnSlotLost = onSlotLost switch
            {
                "fail" => SlotLossPolicy.Fail,
                "resnapshot" => SlotLossPolicy.Resnapshot,
                _ => throw new ConnectorConfigurationException(connectorId, "source.cdc.onSlotLost", $"'{onSlotLost}' is not a choice; use fail or resnapshot."),
            },
        };
    }

    /// <summary><c>hub_</c> and the connector id with <c>_</c> for <c>-</c>; a long id is cut and made unique by a hash.</summary>
    public static string DefaultName(string connectorId)
    {
        ArgumentNullException.ThrowIfNull(connectorId);
        var name = "hub_" + connectorId.Replace('-', '_');
        if (name.Length <= 63)
            return name;
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(connectorId))
            hash = (hash ^ b) * 16777619u;
        return string.Create(CultureInfo.InvariantCulture, $"{name[..54]}_{hash:x8}");
    }

    private static int Bounded(JsonObject cdc, string name, int fallback, int min, int max, string connectorId)
    {
        var value = SqlSourceOptions.Integer(cdc, name, connectorId, "source.cdc.") ?? fallback;
        return value >= min && value <= max
            ? value
            : throw new ConnectorConfigurationException(connectorId, $"source.cdc.{name}", $"{value} is outside {min}..{max}.");
    }

    [GeneratedRegex("^[a-z0-9_]{1,63}$")]
    private static partial Regex SlotName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex PublicationName();
}
