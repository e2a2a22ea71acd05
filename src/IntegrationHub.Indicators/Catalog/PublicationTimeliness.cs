using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 公示及时率: decisions published within 7 working days (许可/处罚) or 20 (other decisions) of the decision date, the due
/// day itself in time (国办发〔2018〕118号). An unpublished decision counts once its deadline has passed.
/// </summary>
internal sealed class PublicationTimeliness(bool permitOrPenalty) : IIndicator
{
    public IndicatorDefinition Definition { get; } = permitOrPenalty
        ? new(IndicatorCodes.PublicationTimelinessPermitPenalty, "许可/处罚公示及时率", "Publication timeliness of licensing and penalty decisions",
            "国办发〔2018〕118号 事后公开; 双公示 (发改办财金〔2018〕424号): 7 个工作日")
        : new(IndicatorCodes.PublicationTimelinessOther, "其他执法决定公示及时率", "Publication timeliness of other decisions",
            "国办发〔2018〕118号 事后公开: 20 个工作日");

    public CaseStanding Standing(EnforcementAction action, WorkingDayCalendar calendar)
    {
        if (DeadlineOf(action, calendar) is not { } deadline)
            return CaseStanding.Outside;
        if (action.Publication?.PublishedOn is not { } published)
            return CaseStanding.PendingUntil(deadline.Due);
        return deadline.IsMetBy(published) ? CaseStanding.Met : CaseStanding.Failed;
    }

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        switch (Standing(action, context.Calendar).On(context.AsOf))
        {
            case CaseOutcome.Outside:
                return null;
            case CaseOutcome.Met:
                return CaseAssessment.Pass;
        }

        var decided = action.Dates.Decided!.Value;
        var due = IsoDay.Text(DeadlineOf(action, context.Calendar)!.Due);
        if (action.Publication?.PublishedOn is not { } published)
        {
            return CaseAssessment.Fail("publication.missing",
                $"决定日期 {IsoDay.Text(decided)}，公示期限 {due} 已过，仍未公示。",
                $"Decided on {IsoDay.Text(decided)}; the publication deadline of {due} has passed and it is not published.");
        }

        var late = context.Calendar.WorkingDaysBetween(decided, published);
        return CaseAssessment.Fail("publication.late",
            $"决定日期 {IsoDay.Text(decided)}，于第 {late} 个工作日（{IsoDay.Text(published)}）公示，晚于期限 {due}。",
            $"Decided on {IsoDay.Text(decided)}, published on {IsoDay.Text(published)} (working day {late}), after the deadline of {due}.");
    }

    private Deadline? DeadlineOf(EnforcementAction action, WorkingDayCalendar calendar)
    {
        if (EnforcementDuties.IsPermitOrPenalty(action.Category) != permitOrPenalty || action.Dates.Decided is not { } decided)
            return null;
        return permitOrPenalty
            ? PublicationDeadline.ForPermitOrPenalty(decided, calendar)
            : PublicationDeadline.ForOtherDecision(decided, calendar);
    }
}
