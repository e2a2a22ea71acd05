namespace IntegrationHub.Host.Apis.Responses;

/// <summary>One reason a record is quarantined, in words an operator understands, in Chinese and English.</summary>
public sealed record QuarantineReason(
    string Field,
    string? SourceField,
    string? Value,
    string Rule,
    string MessageZh,
    string MessageEn,
    string Severity);
