using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>How each department writes penalty types: department A in words, department B in provincial codes (DOMAIN.md §2.3).</summary>
internal static class SamplePenaltyNames
{
    public static string Chinese(PenaltyType type) => type switch
    {
        PenaltyType.Warning => "警告",
        PenaltyType.CirculatedCriticism => "通报批评",
        PenaltyType.Fine => "罚款",
        PenaltyType.ConfiscationOfIllegalGains => "没收违法所得",
        PenaltyType.ConfiscationOfIllegalProperty => "没收非法财物",
        PenaltyType.SuspensionOfLicense => "暂扣许可证件",
        PenaltyType.QualificationDowngrade => "降低资质等级",
        PenaltyType.RevocationOfLicense => "吊销许可证件",
        PenaltyType.RestrictionOfBusinessActivities => "限制开展生产经营活动",
        PenaltyType.OrderToSuspendProduction => "责令停产停业",
        PenaltyType.OrderToClose => "责令关闭",
        PenaltyType.EmploymentRestriction => "限制从业",
        PenaltyType.AdministrativeDetention => "行政拘留",
        _ => "其他",
    };

    /// <summary>01 警告, 02 罚款, 03 没收违法所得, 04 责令停产停业, 05 吊销许可证, 06 行政拘留, 07 其他, 08 通报批评,
    /// 09 没收非法财物, 10 降低资质等级, 11 暂扣许可证, 12 限制开展经营活动, 13 限制从业, 14 责令关闭.</summary>
    public static string ProvincialCode(PenaltyType type) => type switch
    {
        PenaltyType.Warning => "01",
        PenaltyType.Fine => "02",
        PenaltyType.ConfiscationOfIllegalGains => "03",
        PenaltyType.OrderToSuspendProduction => "04",
        PenaltyType.RevocationOfLicense => "05",
        PenaltyType.AdministrativeDetention => "06",
        PenaltyType.CirculatedCriticism => "08",
        PenaltyType.ConfiscationOfIllegalProperty => "09",
        PenaltyType.QualificationDowngrade => "10",
        PenaltyType.SuspensionOfLicense => "11",
        PenaltyType.RestrictionOfBusinessActivities => "12",
        PenaltyType.EmploymentRestriction => "13",
        PenaltyType.OrderToClose => "14",
        _ => "07",
    };
}
