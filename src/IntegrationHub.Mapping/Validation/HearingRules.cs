using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Statutes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 听证 (行政处罚法 Art. 63–64): the party is told of the right to a hearing before a heavy penalty, and a hearing is
/// notified at least 7 working days before it is held.
/// </summary>
internal static class HearingRules
{
    public const decimal NaturalPersonFineThresholdYuan = HearingRight.NaturalPersonFineThresholdYuan;
    public const decimal OtherFineThresholdYuan = HearingRight.OtherFineThresholdYuan;
    public const int HearingNoticeWorkingDays = HearingRight.HearingNoticeWorkingDays;

    // Chinese names of HearingRight.HeavyTypes, for the message.
    private static readonly Dictionary<string, string> HeavyTypeNames = new(StringComparer.Ordinal)
    {
        ["revocationOfLicense"] = "吊销许可证件",
        ["orderToSuspendProduction"] = "责令停产停业",
        ["orderToClose"] = "责令关闭",
        ["qualificationDowngrade"] = "降低资质等级",
        ["employmentRestriction"] = "限制从业",
    };

    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf, WorkingDayCalendar calendar)
    {
        var reasons = HearingReasons(record).ToList();
        if (reasons.Count > 0 && CanonicalValues.Date(record, "hearing.noticeDate") is null)
        {
            const string field = "hearing.noticeDate";
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), string.Join("; ", reasons.Select(r => r.Value)), "hearing.notice-missing",
                $"处罚（{string.Join("；", reasons.Select(r => r.Zh))}）依《行政处罚法》第六十三条应告知听证权利，但未记录告知日期。",
                $"The penalty ({string.Join("; ", reasons.Select(r => r.En))}) gives a right to a hearing under Art. 63 of the Administrative Penalty Law, but no date of notice of that right is recorded.");
        }

        if (CanonicalValues.Date(record, "hearing.hearingNoticeDate") is { } notified
            && CanonicalValues.Date(record, "hearing.hearingDate") is { } held)
        {
            var deadline = PublicationDeadline.For(notified, HearingNoticeWorkingDays, calendar);
            if (held >= deadline.Due)
                yield break;
            const string field = "hearing.hearingNoticeDate";
            var (notice, hearing) = (CanonicalValues.Iso(notified), CanonicalValues.Iso(held));
            var days = calendar.WorkingDaysBetween(notified, held);
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), $"{notice} → {hearing} ({days})", "hearing.notice-too-late",
                $"听证通知日期（{notice}）与听证日期（{hearing}）之间只有 {days} 个工作日，少于《行政处罚法》第六十四条规定的 {HearingNoticeWorkingDays} 个工作日{DeadlineNote.Zh(deadline)}。",
                $"The hearing of {hearing} was notified on {notice}, only {days} working days before, fewer than the {HearingNoticeWorkingDays} working days of Art. 64 of the Administrative Penalty Law{DeadlineNote.En(deadline)}.");
        }
    }

    /// <summary>Each penalty of the record that gives a right to a hearing: its type (and amount), in Chinese and English.</summary>
    private static IEnumerable<(string Value, string Zh, string En)> HearingReasons(JsonObject record)
    {
        // With several parties, the lower threshold of a natural person applies as soon as one of them is one.
        var naturalPerson = CanonicalValues.Items(record, "counterparts")
            .Any(c => CanonicalValues.Text(c.Item, "kind") == "naturalPerson");
        var threshold = HearingRight.FineThresholdYuan(naturalPerson);
        foreach (var (_, penalty) in CanonicalValues.Items(record, "penalties"))
        {
            var type = CanonicalValues.Text(penalty, "type");
            if (type == "fine" && CanonicalValues.Number(penalty["amountYuan"]) is { } amount && amount >= threshold)
            {
                var (yuan, limit) = (CanonicalValues.Yuan(amount), CanonicalValues.Yuan(threshold));
                yield return ($"fine {yuan}",
                    $"罚款 {yuan} 元，达到{(naturalPerson ? "自然人" : "单位")}较大数额 {limit} 元",
                    $"a fine of {yuan} yuan, at least the {limit} yuan that count as large for {(naturalPerson ? "a natural person" : "an organisation")}");
            }
            else if (type is not null && HeavyTypeNames.TryGetValue(type, out var zh))
            {
                yield return (type, zh, type);
            }
        }
    }
}
