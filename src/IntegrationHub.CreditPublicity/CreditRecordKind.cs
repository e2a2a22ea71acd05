namespace IntegrationHub.CreditPublicity;

/// <summary>The two 双公示 data sets: 行政处罚 (CF_*) and 行政许可 (XK_*).</summary>
public enum CreditRecordKind
{
    Penalty,
    License,
}
