using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 听证程序合规率: penalties that give a right to a hearing record the notice of that right, and a hearing that was held
/// was notified at least 7 working days before it (行政处罚法 Art. 63–64).
/// </summary>
internal sealed class HearingProcedure : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.HearingProcedure, "听证程序合规率",
        "Hearing notice for hearing-eligible penalties", "《行政处罚法》第六十三条、第六十四条");

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.Category != ActionCategory.Penalty)
            return null;
        var naturalPerson = action.Counterparts.Any(c => c.Kind == CounterpartKind.NaturalPerson);
        if (!action.Penalties.Any(p => HearingRight.Applies(p.Type, p.AmountYuan, naturalPerson)))
            return null;
        if (action.Hearing?.NoticeDate is null)
            return CaseAssessment.Fail("hearing.notice-missing", "处罚依法应告知听证权利，但未记录告知日期。",
                "The penalty gives a right to a hearing, but no notice of that right is recorded.");
        if (action.Hearing is { HearingNoticeDate: { } notified, HearingDate: { } held })
        {
            var deadline = PublicationDeadline.For(notified, HearingRight.HearingNoticeWorkingDays, context.Calendar);
            if (held < deadline.Due)
                return CaseAssessment.Fail("hearing.notice-too-late",
                    $"听证通知 {IsoDay.Text(notified)} 至听证 {IsoDay.Text(held)} 只有 {context.Calendar.WorkingDaysBetween(notified, held)} 个工作日。",
                    $"The hearing of {IsoDay.Text(held)} was notified on {IsoDay.Text(notified)}, fewer than {HearingRight.HearingNoticeWorkingDays} working days before.");
        }

        return CaseAssessment.Pass;
    }
}
