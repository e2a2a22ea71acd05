namespace IntegrationHub.Canonical.Model;

/// <summary>听证: the notice of the right to a hearing and, where held, the hearing itself (行政处罚法 Art. 63–64).</summary>
public sealed record Hearing
{
    public DateOnly? NoticeDate { get; init; }
    public bool? Requested { get; init; }
    public DateOnly? HearingNoticeDate { get; init; }
    public DateOnly? HearingDate { get; init; }
}
