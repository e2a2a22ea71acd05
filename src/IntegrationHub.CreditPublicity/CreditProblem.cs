namespace IntegrationHub.CreditPublicity;

/// <summary>Why a 双公示 row cannot be exported: the field, the rule it breaks and a sentence in Chinese.</summary>
public sealed record CreditProblem(string Field, string Rule, string MessageZh);
