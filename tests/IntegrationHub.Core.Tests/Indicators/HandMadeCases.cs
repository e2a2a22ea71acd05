using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;

namespace IntegrationHub.Core.Tests.Indicators;

/// <summary>Hand-made cases for the indicator tests: a well-formed penalty of a Shenzhen district bureau, changed per test.</summary>
internal static class HandMadeCases
{
    /// <summary>湖北省药品监督管理局 (DOMAIN.md §3): a valid agency USCC, placed in Shenzhen districts for the region tests.</summary>
    public const string AgencyA = "11420000MB15291767";
    public const string CompanyUscc = "914403001922038216";

    public static IndicatorContext AsOf(int year, int month, int day) => new(WorkingDayCalendar.China, new DateOnly(year, month, day));

    /// <summary>A far-away "as of" day: every deadline has passed.</summary>
    public static IndicatorContext Later { get; } = AsOf(2030, 1, 1);

    public static EnforcementAction Penalty(DateOnly decided, string agencyUscc = AgencyA, string region = "440305") => new()
    {
        Agency = new EnforcingAgency { Name = "局" + region, Uscc = agencyUscc, RegionCode = region },
        Category = ActionCategory.Penalty,
        DecisionNumber = "深南市监罚〔2024〕1号",
        Procedure = Procedure.Ordinary,
        Counterparts = [new Counterpart { Kind = CounterpartKind.LegalPerson, Name = "华为技术有限公司", Uscc = CompanyUscc, LegalRepresentative = "张三" }],
        Officers = [new Officer { Name = "甲", CertificateNumber = "44000001" }, new Officer { Name = "乙", CertificateNumber = "44000002" }],
        Dates = new ActionDates { Filed = decided.AddDays(-30), Decided = decided, Delivered = decided.AddDays(1), Closed = decided.AddDays(20) },
        Violation = new Violation { Type = "销售不符合食品安全标准的食品", Facts = "经查，当事人销售过期食品。" },
        LegalBasis = ["《中华人民共和国食品安全法》第一百二十四条"],
        Penalties = [new Penalty { Type = PenaltyType.Fine, AmountYuan = 2000m }],
        DecisionContent = "罚款2000元",
        Publication = new Publication { PublishedOn = decided.AddDays(1) },
    };

    public static IndicatorCase Case(EnforcementAction action, string id = "r1") => new(id, action);
}
