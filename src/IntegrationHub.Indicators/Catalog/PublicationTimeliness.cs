using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 公示及时率: decisions published within 7 working days (许可/处罚) or 20 (other decisions) of the decision date, the due
/// day itself in time (国办发〔2018〕118号). An unpublished decision counts once its deadline has passed.
/// </summary>
internal sealed class PublicationTimeliness(bool permitOrPenalty) : DeadlineIndicator
{
    public override IndicatorDefinition Definition { get; } = permitOrPenalty
        ? new(IndicatorCodes.PublicationTimelinessPermitPenalty, "许可/处罚公示及时率", "Publication timeliness of licensing and penalty decisions",
            "国办发〔2018〕118号 事后公开; 双公示 (发改办财金〔2018〕424号): 7 个工作日")
        : new(IndicatorCodes.PublicationTimelinessOther, "其他执法决定公示及时率", "Publication timeliness of other decisions",
            "国办发〔2018〕118号 事后公开: 20 个工作日");

    protected override Deadline? DeadlineOf(EnforcementAction action, WorkingDayCalendar calendar)
    {
        if (EnforcementDuties.IsPermitOrPenalty(action.Category) != permitOrPenalty || action.Dates.Decided is not { } decided)
            return null;
        return permitOrPenalty
            ? PublicationDeadline.ForPermitOrPenalty(decided, calendar)
            : PublicationDeadline.ForOtherDecision(decided, calendar);
    }

    protected override DateOnly? DoneOn(EnforcementAction action) => action.Publication?.PublishedOn;

    protected override CaseAssessment Failure(EnforcementAction action, Deadline deadline, DateOnly? done, WorkingDayCalendar calendar)
    {
        var (decided, due) = (IsoDay.Text(deadline.Start), IsoDay.Text(deadline.Due));
        if (done is not { } published)
        {
            return CaseAssessment.Fail("publication.missing", $"决定日期 {decided}，公示期限 {due} 已过，仍未公示。",
                $"Decided on {decided}; the publication deadline of {due} has passed and it is not published.");
        }

        var late = calendar.WorkingDaysBetween(deadline.Start, published);
        return CaseAssessment.Fail("publication.late",
            $"决定日期 {decided}，于第 {late} 个工作日（{IsoDay.Text(published)}）公示，晚于期限 {due}。",
            $"Decided on {decided}, published on {IsoDay.Text(published)} (working day {late}), after the deadline of {due}.");
    }
}
