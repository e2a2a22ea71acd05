using System.Globalization;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>
/// Canonical cases of a generated province for the indicator benchmark and tests: a year (2024) of penalties, licences,
/// inspections and coercive measures of <see cref="Agencies"/> agencies in 20 Guangdong districts, with late, missing and
/// wrong values so that every indicator has cases that meet it, fail it, or (before their deadline) are still pending.
/// Deterministic: case <c>i</c> is always the same.
/// </summary>
public static class GeneratedProvince
{
    public const int Agencies = 200;

    private static readonly string[] Regions =
    [
        "440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117",
        "440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440402", "440403",
    ];

    /// <summary>The USCC of generated agency <paramref name="index"/>: an organ of state (11) in its region.</summary>
    public static string AgencyUscc(int index)
    {
        var organisation = (10_000_000 + index).ToString(CultureInfo.InvariantCulture);
        var first17 = "11" + Regions[index % Regions.Length] + organisation + OrganizationCode.ComputeCheckCharacter(organisation);
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>The record id of case <paramref name="i"/>.</summary>
    public static string RecordId(int i) => string.Create(CultureInfo.InvariantCulture, $"gr-{i:D8}");

    // Deterministic variety: i picks the agency, the day of 2024, the category and which duties are late or missing.
    public static EnforcementAction Case(int i)
    {
        var agency = i % Agencies;
        var decided = new DateOnly(2024, 1, 1).AddDays((int)(i * 7919L % 366));
        var category = (i % 10) switch
        {
            < 5 => ActionCategory.Penalty,
            < 7 => ActionCategory.Licensing,
            < 9 => ActionCategory.Inspection,
            _ => ActionCategory.Coercion,
        };
        var lateness = (i * 31 + i / Agencies * 7) % 100;
        return new EnforcementAction
        {
            Agency = new EnforcingAgency { Name = $"执法机关{agency:D3}", Uscc = AgencyUscc(agency), RegionCode = Regions[agency % Regions.Length] },
            Category = category,
            DecisionNumber = string.Create(CultureInfo.InvariantCulture, $"粤执〔2024〕{i}号"),
            Procedure = i % 17 == 0 ? Procedure.Simple : Procedure.Ordinary,
            Counterparts = [new Counterpart { Kind = CounterpartKind.LegalPerson, Name = "华为技术有限公司", Uscc = "914403001922038216", LegalRepresentative = "张三" }],
            Officers = lateness < 97
                ? [new Officer { Name = "甲", CertificateNumber = "44000001" }, new Officer { Name = "乙", CertificateNumber = "44000002" }]
                : [new Officer { Name = "甲", CertificateNumber = "44000001" }],
            Dates = new ActionDates
            {
                Filed = decided.AddDays(-(10 + i % 95)),
                Decided = decided,
                Delivered = lateness switch { < 93 => decided.AddDays(2), < 98 => decided.AddDays(12), _ => null },
                Closed = lateness < 90 ? decided.AddDays(20) : null,
            },
            Violation = new Violation { Type = "销售不符合食品安全标准的食品", Facts = "经查，当事人销售过期食品。" },
            LegalBasis = ["《中华人民共和国食品安全法》第一百二十四条"],
            LegalReview = i % 7 == 0 ? new LegalReview { Required = true, Date = decided.AddDays(lateness < 95 ? -2 : 1), Passed = true } : null,
            Penalties = category == ActionCategory.Penalty ? [new Penalty { Type = PenaltyType.Fine, AmountYuan = 2000m + i % 50 * 1000 }] : [],
            DecisionContent = "依法作出决定",
            Recordings = category == ActionCategory.Coercion && lateness < 92 ? [new Recording { Kind = RecordingKind.AudioVideo }] : [],
            Publication = lateness >= 99 ? null : new Publication
            {
                PublishedOn = decided.AddDays(lateness < 91 ? 3 : 15),
                ChangedOn = i % 101 == 0 ? decided.AddDays(30) : null,
                WithdrawnOn = i % 101 == 0 && lateness < 95 ? decided.AddDays(lateness < 80 ? 32 : 40) : null,
                WithdrawalReason = i % 101 == 0 ? "行政复议决定撤销" : null,
            },
        };
    }
}
