using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// Where a change-capture connector stands, stored with the records it covers: the replication slot it reads and the log
/// <see cref="Position"/> after the last whole source transaction stored (PostgreSQL: an LSN such as <c>16/B374D848</c>).
/// While the initial snapshot is read, <see cref="Snapshot"/> says how far; when a page ended inside a large transaction,
/// <see cref="Partial"/> says how many of its changes are stored, so that the transaction — sent again from its start
/// after a restart — is not stored twice.
/// </summary>
internal sealed record CaptureCheckpoint(string Slot, string Position)
{
    /// <summary>The snapshot is not complete yet: the stream starts at <see cref="Position"/> once it is.</summary>
    public SnapshotProgress? Snapshot { get; init; }

    public PartialTransaction? Partial { get; init; }

    public string Serialize()
    {
        var body = new JsonObject { ["slot"] = Slot, ["position"] = Position };
        if (Snapshot is { } snapshot)
            body["snapshot"] = new JsonObject { ["after"] = snapshot.After is { } after ? new JsonArray([.. after.Select(v => (JsonNode)CheckpointValues.Encode(v))]) : null };
        if (Partial is { } partial)
            body["partial"] = new JsonObject { ["transaction"] = partial.Transaction, ["skip"] = partial.Skip };
        return new JsonObject { ["cdc"] = body }.ToJsonString();
    }

    /// <summary>The checkpoint, or null for none or one written by another read mode (a keyset checkpoint of poll mode).</summary>
    public static CaptureCheckpoint? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || JsonNode.Parse(text) is not JsonObject { } root || root["cdc"] is not JsonObject body)
            return null;
        var checkpoint = new CaptureCheckpoint(
            body["slot"]?.GetValue<string>() ?? throw new FormatException("A capture checkpoint names its slot."),
            body["position"]?.GetValue<string>() ?? throw new FormatException("A capture checkpoint has a position."));
        if (body["snapshot"] is JsonObject snapshot)
            checkpoint = checkpoint with { Snapshot = new SnapshotProgress(snapshot["after"] is JsonArray after ? [.. after.Select(CheckpointValues.Decode)] : null) };
        if (body["partial"] is JsonObject partial)
            checkpoint = checkpoint with { Partial = new PartialTransaction(partial["transaction"]!.GetValue<string>(), partial["skip"]!.GetValue<int>()) };
        return checkpoint;
    }
}

/// <summary>How far the initial snapshot is read: after the row with these key values (null: from the first row).</summary>
internal sealed record SnapshotProgress(IReadOnlyList<object>? After);

/// <summary>The first <paramref name="Skip"/> changes of the transaction <paramref name="Transaction"/> are stored.</summary>
internal sealed record PartialTransaction(string Transaction, int Skip);
