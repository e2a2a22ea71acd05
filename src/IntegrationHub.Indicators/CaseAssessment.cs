namespace IntegrationHub.Indicators;

/// <summary>
/// How one case stands against one indicator: it meets it, or it fails it for a stated reason. A case outside the
/// indicator's denominator gets no assessment at all (null).
/// </summary>
public sealed record CaseAssessment(bool Met, string? Rule, string? ReasonZh, string? ReasonEn)
{
    public static CaseAssessment Pass { get; } = new(true, null, null, null);

    public static CaseAssessment Fail(string rule, string zh, string en) => new(false, rule, zh, en);
}
