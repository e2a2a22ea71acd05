using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using Json.Schema;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// Decides whether mapped JSON is valid against the canonical schema without evaluating the schema: a strict typed read
/// (exact property names and enum values, no strings for numbers, nothing unknown, dates and instants in the schema's
/// formats) and the few rules a type cannot hold (patterns, lengths, minimums, the schema's if/then). Its verdict is the
/// schema's — a property test over generated records and the schema's examples holds it to that — and it errs only
/// towards "not sure": then <see cref="CanonicalSchema"/> is evaluated and gives the reasons.
/// </summary>
public static class CanonicalValidator
{
    private static readonly JsonSerializerOptions Strict = CreateOptions();
    private static readonly Regex Uscc = Pattern("uscc");
    private static readonly Regex RegionCode = Pattern("regionCode");
    private static readonly Regex Sha256 = Pattern("recording", "sha256");

    /// <summary>The typed record when <paramref name="mapped"/> is valid against the canonical schema; null when it may not be.</summary>
    public static EnforcementAction? Read(JsonObject mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (!mapped.TryGetPropertyValue("schema", out var version) || HasNull(mapped))
            return null;
        EnforcementAction? record;
        try
        {
            record = mapped.Deserialize<EnforcementAction>(Strict);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        return record is not null && version is JsonValue && Holds(record) ? record : null;
    }

    private static bool Holds(EnforcementAction r) =>
        r.Schema == EnforcementAction.SchemaVersion
        && r.Agency.Name.Length > 0 && Matches(Uscc, r.Agency.Uscc) && Matches(RegionCode, r.Agency.RegionCode)
        && r.Counterparts.All(c => c.Name.Length > 0 && Matches(Uscc, c.Uscc) && !(c.Kind == CounterpartKind.NaturalPerson && c.Uscc is not null))
        && r.Officers.All(o => o.Name.Length > 0)
        && r.Penalties.All(p => p.AmountYuan is not < 0 && !(p.Type == PenaltyType.Fine && p.AmountYuan is null))
        && r.LegalBasis.All(b => b.Length > 0)
        && r.Recordings.All(x => Matches(Sha256, x.Sha256))
        && r.Sources.All(s => s.Connector.Length > 0 && s.SourceKey.Length > 0 && s.MappingVersion >= 0);

    private static bool Matches(Regex pattern, string? value) => value is null || pattern.IsMatch(value);

    /// <summary>JSON null is never valid in the canonical shape (absent values are omitted), but a typed read accepts it.</summary>
    private static bool HasNull(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Any(p => HasNull(p.Value)),
        JsonArray a => a.Any(HasNull),
        _ => false,
    };

    /// <summary>The schema's own regular expression (the same Regex instance, so the same matching rules).</summary>
    private static Regex Pattern(string definition, string? property = null)
    {
        var schema = CanonicalSchema.Instance.GetDefs()![definition];
        if (property is not null)
            schema = schema.GetProperties()![property];
#pragma warning disable CS0618 // Value is the very Regex the schema matches with (Pattern is its text only)
        return schema.GetKeyword<PatternKeyword>()?.Value
#pragma warning restore CS0618
            ?? throw new InvalidOperationException($"The canonical schema's {definition}{(property is null ? "" : "." + property)} has no pattern.");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(CanonicalJson.Options)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            PropertyNameCaseInsensitive = false,
        };
        options.Converters.Clear();
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new StrictFormatConverter<DateOnly>(Formats.Date, s => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            (w, v) => w.WriteStringValue(v.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        options.Converters.Add(new StrictFormatConverter<DateTimeOffset>(Formats.DateTime, s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
            (w, v) => w.WriteStringValue(v)));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Enum values exactly as the schema lists them (camelCase); the default converter also takes other casings and numbers.</summary>
    private sealed class StrictEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class StrictEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly Dictionary<string, T> _byName = Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && _byName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException($"Not a {typeof(T).Name} value.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
    }

    /// <summary>A date or instant only when the schema's format check accepts the text too.</summary>
    private sealed class StrictFormatConverter<T>(Format format, Func<string, T> parse, Action<Utf8JsonWriter, T> write) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Not a {format.Key}.");
            var text = reader.GetString()!;
            if (!format.Validate(JsonValue.Create(text), out _))
                throw new JsonException($"Not a {format.Key}.");
            return parse(text);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => write(writer, value);
    }
}
