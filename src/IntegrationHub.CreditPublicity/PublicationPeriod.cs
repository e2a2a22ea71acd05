namespace IntegrationHub.CreditPublicity;

/// <summary>
/// 公示期限 of a penalty on the credit sites under the regime in force on the decision date (DOMAIN.md §2.4). The
/// canonical record carries no 失信 severity, so the 一般 class is assumed: 2019 (发改办财金〔2019〕527号) up to 1 year;
/// from 2023-05-01 (国家发展改革委令第58号) 3 months to 3 years; from 2026-04-01 (《信用修复管理办法》) 3 months to 1 year.
/// </summary>
public sealed record PublicationPeriod(string Regime, DateOnly MinimumUntil, DateOnly MaximumUntil)
{
    public static DateOnly Order58Start { get; } = new(2023, 5, 1);
    public static DateOnly CreditRepairStart { get; } = new(2026, 4, 1);

    public static PublicationPeriod ForPenalty(DateOnly decided)
    {
        if (decided >= CreditRepairStart)
            return new("信用修复管理办法(2026)", decided.AddMonths(3), decided.AddYears(1));
        if (decided >= Order58Start)
            return new("国家发展改革委令第58号(2023)", decided.AddMonths(3), decided.AddYears(3));
        return new("发改办财金〔2019〕527号", decided.AddMonths(3), decided.AddYears(1));
    }
}
