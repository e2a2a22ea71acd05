using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Where a file connector stands: the file being read (name, SHA-256, records already stored) and the files read to
/// their end whose records are all stored but which are still in the inbox, waiting to be archived after the run. A
/// file listed in <see cref="Finished"/> is never read again while it is there, so a crash between storing its last
/// page and moving it neither loses nor doubles a row.
/// </summary>
public sealed record FileCheckpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public FilePosition? Current { get; init; }

    public IReadOnlyList<FinishedFile> Finished { get; init; } = [];

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static FileCheckpoint Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? new FileCheckpoint()
            : JsonSerializer.Deserialize<FileCheckpoint>(text, Json) ?? throw new FormatException("A file checkpoint is a JSON object.");
}

/// <summary>A file part-way read: its records up to <see cref="Records"/> (count from its start) are stored.</summary>
public sealed record FilePosition(string Name, string Sha256, long Records);

/// <summary>
/// A file whose reading has ended: <c>read</c> (every record stored or quarantined), <c>failed</c> (unreadable as a whole,
/// <see cref="Problem"/> says why) or <c>duplicate</c> (same content as <see cref="DuplicateOf"/>, not read again).
/// </summary>
public sealed record FinishedFile(string Name, string Sha256, string Outcome, long Records, string? Problem = null, string? DuplicateOf = null)
{
    public const string Read = "read";
    public const string Failed = "failed";
    public const string Duplicate = "duplicate";
}
