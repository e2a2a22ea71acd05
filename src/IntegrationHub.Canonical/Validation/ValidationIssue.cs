namespace IntegrationHub.Canonical.Validation;

/// <summary>
/// One reason why a record is rejected or flagged: the canonical field, the source field it came from (when known), the
/// offending value, the rule (a stable code such as <c>uscc.checksum</c>), and a sentence in Chinese and in English.
/// </summary>
public sealed record ValidationIssue(
    IssueSeverity Severity,
    string Field,
    string? SourceField,
    string? Value,
    string Rule,
    string MessageZh,
    string MessageEn)
{
    public static ValidationIssue Error(string field, string? sourceField, string? value, string rule, string zh, string en) =>
        new(IssueSeverity.Error, field, sourceField, value, rule, zh, en);

    public static ValidationIssue Warning(string field, string? sourceField, string? value, string rule, string zh, string en) =>
        new(IssueSeverity.Warning, field, sourceField, value, rule, zh, en);
}
