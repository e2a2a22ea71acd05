using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Mapping.Engine;
using IntegrationHub.Mapping.Validation;

namespace IntegrationHub.Mapping;

/// <summary>
/// Maps a raw source record and validates the result: the canonical schema, identifier checksums and date order.
/// Deterministic and free of I/O; the same raw record always gives the same record and content hash.
/// </summary>
public sealed class RecordNormalizer
{
    /// <summary>
    /// The revision of what the hub's normalization does with a mapped record (the mapping engine, the canonical model's
    /// serialization, the checks and their warnings). Raise it with every change that makes the same raw record under the
    /// same mapping come out differently: stored input hashes then stop matching, and the next sync normalizes every
    /// record again instead of trusting what an older hub computed (<see cref="InputHashOf"/>).
    /// </summary>
    public const int Revision = 1;

    private readonly MappingEngine _engine;
    private readonly Dictionary<string, string> _sourceFieldByTarget;
    private readonly byte[]? _inputPrefix;

    // One delegate for every check of every record: a method group passed as an argument is a new delegate each time.
    private readonly Func<string, string?> _sourceFieldOf;

    public RecordNormalizer(MappingDefinition mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        // A parsed JSON object or array builds its members on first access; build them now, so that records can be
        // normalized on several threads at once with the mapping's constants and defaults only ever read.
        foreach (var rule in mapping.Fields)
        {
            Materialize(rule.Const);
            Materialize(rule.Default);
        }

        _engine = new MappingEngine(mapping);
        _sourceFieldOf = SourceFieldOf;
        _inputPrefix = mapping.Fingerprint is { } fingerprint ? Encoding.UTF8.GetBytes($"integrationhub-normalizer/{Revision}\n{fingerprint}\n") : null;
        _sourceFieldByTarget = mapping.Fields
            .Where(r => r.SourceField is not null)
            .GroupBy(r => r.Target.Text)
            .ToDictionary(g => g.Key, g => g.First().SourceField!);
    }

    public MappingDefinition Mapping => _engine.Mapping;

    /// <summary>The record's source key, or null when a key field is empty or absent.</summary>
    public string? SourceKeyOf(JsonObject raw) => _engine.SourceKeyOf(raw);

    /// <summary>
    /// The SHA-256 of everything a record's normalized content is a function of: this normalizer's <see cref="Revision"/>,
    /// the mapping's fingerprint and the raw record (its JSON as the store keeps it). Equal input hashes give equal
    /// content, so a sync may skip normalizing a record whose input hash the store already holds. Null when the mapping
    /// has no fingerprint (built in code): such a record is always normalized.
    /// </summary>
    public string? InputHashOf(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (_inputPrefix is null)
            return null;
        var length = _inputPrefix.Length + Encoding.UTF8.GetByteCount(raw);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            _inputPrefix.CopyTo(buffer, 0);
            Encoding.UTF8.GetBytes(raw, buffer.AsSpan(_inputPrefix.Length));
            return Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, length)));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Maps and validates one source record. A record the typed check (<see cref="CanonicalValidator"/>) finds valid is
    /// serialized once and hashed over those bytes; only a record that may be invalid is evaluated against the JSON
    /// Schema, which gives its reasons as precisely as ever.
    /// </summary>
    public NormalizationResult Normalize(JsonObject raw)
    {
        var mapped = _engine.Map(raw);
        if (!mapped.Issues.Any(i => i.Severity == IssueSeverity.Error) && CanonicalValidator.Read(mapped.Output) is { } typed)
        {
            var issues = new List<ValidationIssue>(mapped.Issues);
            issues.AddRange(RuleIssues(mapped.Output));
            return Result(mapped, typed, issues);
        }

        // Possibly invalid: the schema decides, and says why. (A record the typed check was only unsure of is kept.)
        var all = new List<ValidationIssue>(mapped.Issues);
        all.AddRange(Validate(mapped.Output));
        if (all.Any(i => i.Severity == IssueSeverity.Error))
            return Result(mapped, null, all);
        try
        {
            return Result(mapped, mapped.Output.Deserialize<EnforcementAction>(CanonicalJson.Options), all);
        }
        catch (JsonException ex)
        {
            // What the schema allows and the type cannot hold is this record's problem, never its run's.
            all.Add(SchemaIssues.Unrepresentable(ex, mapped.Output, _sourceFieldOf));
            return Result(mapped, null, all);
        }
    }

    private static NormalizationResult Result(MappedRecord mapped, EnforcementAction? record, List<ValidationIssue> issues)
    {
        if (record is null || issues.Any(i => i.Severity == IssueSeverity.Error))
            return new NormalizationResult(mapped.SourceKey, mapped.SourceVersion, null, null, mapped.Output, issues);
        var lineageFree = record.Sources.Count == 0 ? record : record with { Sources = [] };
        var bytes = CanonicalJson.SerializeToUtf8(lineageFree);
        return new NormalizationResult(mapped.SourceKey, mapped.SourceVersion, lineageFree, Convert.ToHexStringLower(SHA256.HashData(bytes)), mapped.Output, issues)
        {
            Content = Encoding.UTF8.GetString(bytes),
        };
    }

    /// <summary>
    /// Validates canonical JSON: schema, identifiers, date order (errors), then the quality rules (warnings). Usable on
    /// any record, mapped or not.
    /// </summary>
    public IEnumerable<ValidationIssue> Validate(JsonObject canonical) =>
        SchemaIssues.From(CanonicalSchema.Evaluate(canonical), canonical, _sourceFieldOf).Concat(RuleIssues(canonical));

    /// <summary>The checks beyond the schema: identifiers and date order (errors), quality rules of 三项制度 and 行政处罚法 (warnings).</summary>
    private List<ValidationIssue> RuleIssues(JsonObject canonical)
    {
        var issues = new List<ValidationIssue>();
        issues.AddRange(IdentifierRules.Check(canonical, _sourceFieldOf));
        issues.AddRange(DateOrderRules.Check(canonical, _sourceFieldOf));
        // Warnings only: the record is stored with them as flags.
        var calendar = WorkingDayCalendar.China;
        issues.AddRange(CaseDurationRules.Check(canonical, _sourceFieldOf));
        issues.AddRange(OfficerRules.Check(canonical, _sourceFieldOf));
        issues.AddRange(PublicationRules.Check(canonical, _sourceFieldOf, calendar));
        issues.AddRange(DeliveryRules.Check(canonical, _sourceFieldOf, calendar));
        issues.AddRange(LegalReviewRules.Check(canonical, _sourceFieldOf));
        issues.AddRange(PenaltyAmountRules.Check(canonical, _sourceFieldOf));
        issues.AddRange(HearingRules.Check(canonical, _sourceFieldOf, calendar));
        issues.AddRange(RecordingRules.Check(canonical, _sourceFieldOf));
        return issues;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    Materialize(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    Materialize(child);
                break;
        }
    }

    private string? SourceFieldOf(string field)
    {
        if (_sourceFieldByTarget.TryGetValue(field, out var source))
            return source;
        // "penalties[0].type" was written by the rule for "penalties[]".
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 && _sourceFieldByTarget.TryGetValue(field[..bracket] + "[]", out var each) ? each : null;
    }
}
