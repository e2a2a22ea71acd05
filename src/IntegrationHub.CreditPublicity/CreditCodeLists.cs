using IntegrationHub.Canonical.Model;

namespace IntegrationHub.CreditPublicity;

/// <summary>The standard 双公示 code lists (DOMAIN.md §2.3), as the names the templates carry.</summary>
public static class CreditCodeLists
{
    public const string Organization = "法人及非法人组织";
    public const string NaturalPerson = "自然人";
    public const string IndividualBusiness = "个体工商户";

    /// <summary>Several 处罚类别 in one field are separated by this.</summary>
    public const char Separator = ';';

    public static IReadOnlySet<string> PartyKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { Organization, NaturalPerson, IndividualBusiness };

    public static IReadOnlySet<string> IdTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "身份证", "护照号", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证",
    };

    /// <summary>"其他-…" names the concrete document type.</summary>
    public const string OtherIdTypePrefix = "其他-";

    public static IReadOnlyDictionary<PenaltyType, string> PenaltyTypes { get; } = new Dictionary<PenaltyType, string>
    {
        [PenaltyType.Warning] = "警告",
        [PenaltyType.CirculatedCriticism] = "通报批评",
        [PenaltyType.Fine] = "罚款",
        [PenaltyType.ConfiscationOfIllegalGains] = "没收违法所得",
        [PenaltyType.ConfiscationOfIllegalProperty] = "没收非法财物",
        [PenaltyType.SuspensionOfLicense] = "暂扣许可证件",
        [PenaltyType.QualificationDowngrade] = "降低资质等级",
        [PenaltyType.RevocationOfLicense] = "吊销许可证件",
        [PenaltyType.RestrictionOfBusinessActivities] = "限制开展生产经营活动",
        [PenaltyType.OrderToSuspendProduction] = "责令停产停业",
        [PenaltyType.OrderToClose] = "责令关闭",
        [PenaltyType.EmploymentRestriction] = "限制从业",
        [PenaltyType.AdministrativeDetention] = "行政拘留",
        [PenaltyType.Other] = "其他",
    };

    public static IReadOnlyDictionary<LicenseType, string> LicenseTypes { get; } = new Dictionary<LicenseType, string>
    {
        [LicenseType.General] = "普通",
        [LicenseType.Special] = "特许",
        [LicenseType.Approval] = "认可",
        [LicenseType.Verification] = "核准",
        [LicenseType.Registration] = "登记",
        [LicenseType.Other] = "其他",
    };

    public static string PartyKind(CounterpartKind kind) => kind switch
    {
        CounterpartKind.NaturalPerson => NaturalPerson,
        CounterpartKind.IndividualBusiness => IndividualBusiness,
        _ => Organization,
    };

    public static string IdType(IdDocumentType type) => type switch
    {
        IdDocumentType.ResidentIdCard => "身份证",
        IdDocumentType.Passport => "护照号",
        IdDocumentType.HongKongMacaoPermit => "港澳居民来往内地通行证",
        IdDocumentType.TaiwanPermit => "台湾居民来往大陆通行证",
        IdDocumentType.ForeignPermanentResidentCard => "外国人永久居留身份证",
        _ => OtherIdTypePrefix + "未注明",
    };
}
