namespace IntegrationHub.Api.Contracts;

/// <summary>
/// Why a record (or a setting) is rejected or flagged, in words an operator understands: the canonical field, the source
/// field it came from, the offending value, the rule (a stable code such as <c>uscc.checksum</c>), a sentence in Chinese
/// and in English, and the severity (<c>error</c> or <c>warning</c>).
/// </summary>
public sealed record IssueView(
    string Severity,
    string Field,
    string? SourceField,
    string? Value,
    string Rule,
    string MessageZh,
    string MessageEn);
