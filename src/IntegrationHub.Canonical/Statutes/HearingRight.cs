using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Canonical.Statutes;

/// <summary>
/// 听证 (行政处罚法 Art. 63–64): which penalties give the party a right to a hearing, and the notice a hearing needs.
/// Shared by the record warnings and the compliance indicators so that both judge a case the same way.
/// </summary>
public static class HearingRight
{
    // 较大数额罚款 is set by each province (DOMAIN.md §1.4); these are one common choice, change them to the local rule.
    public const decimal NaturalPersonFineThresholdYuan = 10_000m;
    public const decimal OtherFineThresholdYuan = 100_000m;

    /// <summary>行政机关应当在举行听证的七日前通知当事人 (Art. 64; working days by Art. 85).</summary>
    public const int HearingNoticeWorkingDays = 7;

    /// <summary>Penalty types that give a right to a hearing whatever their amount (Art. 63).</summary>
    public static IReadOnlySet<PenaltyType> HeavyTypes { get; } = new HashSet<PenaltyType>
    {
        PenaltyType.RevocationOfLicense,
        PenaltyType.OrderToSuspendProduction,
        PenaltyType.OrderToClose,
        PenaltyType.QualificationDowngrade,
        PenaltyType.EmploymentRestriction,
    };

    /// <summary>The fine from which a hearing is due; with several parties the lower natural-person amount applies as soon as one is one.</summary>
    public static decimal FineThresholdYuan(bool anyNaturalPerson) =>
        anyNaturalPerson ? NaturalPersonFineThresholdYuan : OtherFineThresholdYuan;

    /// <summary>True when a penalty of this type and amount gives a right to a hearing.</summary>
    public static bool Applies(PenaltyType type, decimal? amountYuan, bool anyNaturalPerson) =>
        HeavyTypes.Contains(type)
        || (type == PenaltyType.Fine && amountYuan is { } amount && amount >= FineThresholdYuan(anyNaturalPerson));
}
