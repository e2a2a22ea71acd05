using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
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
    private readonly MappingEngine _engine;
    private readonly Dictionary<string, string> _sourceFieldByTarget;

    public RecordNormalizer(MappingDefinition mapping)
    {
        _engine = new MappingEngine(mapping);
        _sourceFieldByTarget = mapping.Fields
            .Where(r => r.SourceField is not null)
            .GroupBy(r => r.Target.Text)
            .ToDictionary(g => g.Key, g => g.First().SourceField!);
    }

    public MappingDefinition Mapping => _engine.Mapping;

    /// <summary>The record's source key, or null when a key field is empty or absent.</summary>
    public string? SourceKeyOf(JsonObject raw) => _engine.SourceKeyOf(raw);

    public NormalizationResult Normalize(JsonObject raw)
    {
        var mapped = _engine.Map(raw);
        var issues = new List<ValidationIssue>(mapped.Issues);
        issues.AddRange(Validate(mapped.Output));

        EnforcementAction? record = null;
        string? hash = null;
        if (!issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            record = mapped.Output.Deserialize<EnforcementAction>(CanonicalJson.Options);
            hash = record is null ? null : CanonicalJson.ContentHash(record);
        }

        return new NormalizationResult(mapped.SourceKey, mapped.SourceVersion, record, hash, mapped.Output, issues);
    }

    /// <summary>
    /// Validates canonical JSON: schema, identifiers, date order (errors), then the quality rules (warnings). Usable on
    /// any record, mapped or not.
    /// </summary>
    public IEnumerable<ValidationIssue> Validate(JsonObject canonical)
    {
        var issues = SchemaIssues.From(CanonicalSchema.Evaluate(canonical), canonical, SourceFieldOf).ToList();
        issues.AddRange(IdentifierRules.Check(canonical, SourceFieldOf));
        issues.AddRange(DateOrderRules.Check(canonical, SourceFieldOf));
        // Quality rules of 三项制度 and 行政处罚法: warnings only, the record is stored with them as flags.
        var calendar = WorkingDayCalendar.China;
        issues.AddRange(CaseDurationRules.Check(canonical, SourceFieldOf));
        issues.AddRange(OfficerRules.Check(canonical, SourceFieldOf));
        issues.AddRange(PublicationRules.Check(canonical, SourceFieldOf, calendar));
        issues.AddRange(DeliveryRules.Check(canonical, SourceFieldOf, calendar));
        issues.AddRange(LegalReviewRules.Check(canonical, SourceFieldOf));
        issues.AddRange(PenaltyAmountRules.Check(canonical, SourceFieldOf));
        issues.AddRange(HearingRules.Check(canonical, SourceFieldOf, calendar));
        issues.AddRange(RecordingRules.Check(canonical, SourceFieldOf));
        return issues;
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
