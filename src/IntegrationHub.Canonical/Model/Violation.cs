namespace IntegrationHub.Canonical.Model;

/// <summary>违法行为类型 and 违法事实 (双公示 CF_WFXW, CF_SY).</summary>
public sealed record Violation
{
    public string? Type { get; init; }
    public string? Facts { get; init; }
}
