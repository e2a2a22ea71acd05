using System.Text;
using System.Text.Json;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Store.Merge;

/// <summary>
/// Works on a record's canonical JSON as text, so that a record held by one source needs no parse: the lineage is spliced
/// into its empty <c>sources</c> (always the last property, see <see cref="EnforcementAction"/>), and the field groups it
/// holds are found by reading its top-level properties.
/// </summary>
public static class CanonicalContent
{
    private const string EmptySources = "\"sources\":[]}";

    /// <summary>The record's canonical JSON with <paramref name="lineage"/> as its sources; the same text as serializing the typed record with them.</summary>
    public static string WithLineage(string content, IReadOnlyList<SourceLineage> lineage)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sources = JsonSerializer.Serialize(lineage, CanonicalJson.Options);
        if (content.EndsWith(EmptySources, StringComparison.Ordinal))
            return string.Concat(content.AsSpan(0, content.Length - EmptySources.Length + "\"sources\":".Length), sources, "}");
        // Not the canonical shape (written by hand, or with lineage already): the typed round trip gives the canonical text.
        return CanonicalJson.Serialize(CanonicalJson.Deserialize(content) with { Sources = lineage });
    }

    /// <summary>
    /// The top-level properties of the record that hold a value — not null, not an empty list or object — in the sense
    /// of <see cref="GoldenRecordMerger"/>, which takes a field group from a source only where the source holds it.
    /// </summary>
    public static HashSet<string> PresentProperties(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(content));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A canonical record is a JSON object.");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    // A copy of the reader looks one token ahead: an empty list or object holds nothing.
                    var ahead = reader;
                    ahead.Read();
                    if (ahead.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                        present.Add(name);
                    reader.Skip();
                    break;
                default:
                    present.Add(name);
                    break;
            }
        }

        return present;
    }
}
