namespace IntegrationHub.CreditPublicity;

/// <summary>One column of a 双公示 template (DOMAIN.md §2): its code, its Chinese name and whether it is required.</summary>
public sealed record CreditField(string Code, string NameZh, FieldRequirement Requirement);
