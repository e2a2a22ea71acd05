using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// <c>archive/processed-files.jsonl</c>: one line per file read and archived (SHA-256, name, where it was archived, when,
/// how many records). A file dropped again with the same SHA-256 is recognised here and archived as a duplicate
/// without being read.
/// </summary>
public static class ProcessedFilesLedger
{
    /// <summary>SHA-256 → archived path (relative to the inbox) of every file in the ledger.</summary>
    public static IReadOnlyDictionary<string, string> Read(string ledgerPath)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(ledgerPath))
            return entries;
        foreach (var line in File.ReadLines(ledgerPath, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                if (JsonNode.Parse(line) is JsonObject entry && entry["sha256"]?.GetValue<string>() is { } sha)
                    entries.TryAdd(sha, entry["archivedAs"]?.GetValue<string>() ?? entry["file"]?.GetValue<string>() ?? "");
            }
            catch (JsonException)
            {
                // A line torn by a crash while appending: the file it described is re-read harmlessly if dropped again.
            }
        }

        return entries;
    }

    public static void Append(string ledgerPath, string sha256, string file, string archivedAs, long records, DateTimeOffset at)
    {
        var line = new JsonObject
        {
            ["sha256"] = sha256,
            ["file"] = file,
            ["archivedAs"] = archivedAs,
            ["records"] = records,
            ["archivedAt"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString();
        File.AppendAllText(ledgerPath, line + "\n", Encoding.UTF8);
    }
}
