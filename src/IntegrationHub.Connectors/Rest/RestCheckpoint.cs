using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// Where a rest read resumes. While a read is under way, <see cref="Next"/> is the request of the page after the last
/// one stored and <see cref="Since"/> the "updated since" value the read started with (kept, so that pages do not shift
/// mid-read). Once a read has reached its end, <see cref="Next"/> is null and the next run starts from the first page,
/// asking for what changed since <see cref="MaxSeen"/> minus the overlap.
/// </summary>
public sealed record RestCheckpoint(string? Since, RestPosition? Next, DateTimeOffset? MaxSeen)
{
    public static RestCheckpoint Empty { get; } = new(null, null, null);

    public bool InProgress => Next is not null;

    /// <summary>The checkpoint after the last page of a read: start over next time, from what changed since <see cref="MaxSeen"/>.</summary>
    public static RestCheckpoint Completed(DateTimeOffset? maxSeen) => new(null, null, maxSeen);

    public string Serialize()
    {
        var node = new JsonObject { ["v"] = 1 };
        if (Since is not null)
            node["since"] = Since;
        if (MaxSeen is { } max)
            node["max"] = max.ToString("O", CultureInfo.InvariantCulture);
        if (Next is { } next)
        {
            var position = new JsonObject();
            if (next.Page is { } page)
                position["page"] = page;
            if (next.Offset is { } offset)
                position["offset"] = offset;
            if (next.Cursor is { } cursor)
                position["cursor"] = cursor;
            if (next.Url is { } url)
                position["url"] = url;
            node["next"] = position;
        }

        return node.ToJsonString();
    }

    /// <summary>Reads a stored checkpoint; null or empty is a read that never ran.</summary>
    public static RestCheckpoint Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Empty;
        JsonObject node;
        try
        {
            node = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("A rest checkpoint is a JSON object.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException($"The stored checkpoint is not a rest checkpoint: {ex.Message}", ex);
        }

        RestPosition? next = node["next"] is JsonObject position
            ? new RestPosition
            {
                Page = position["page"]?.GetValue<long>(),
                Offset = position["offset"]?.GetValue<long>(),
                Cursor = position["cursor"]?.GetValue<string>(),
                Url = position["url"]?.GetValue<string>(),
            }
            : null;
        DateTimeOffset? max = node["max"]?.GetValue<string>() is { } text2
            ? DateTimeOffset.Parse(text2, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
        return new RestCheckpoint(node["since"]?.GetValue<string>(), next, max);
    }
}
