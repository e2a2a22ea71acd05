namespace IntegrationHub.CreditPublicity;

/// <summary>
/// A 双公示 template: penalty or licence, for legal persons (法人及非法人组织, 个体工商户) or for natural persons, whose
/// columns differ (natural persons carry 证件类型/号码 instead of the organisation codes). Fields follow DOMAIN.md §2.1–2.2.
/// </summary>
public sealed record CreditTemplate(string Name, CreditRecordKind Kind, bool NaturalPerson, IReadOnlyList<CreditField> Fields)
{
    private const FieldRequirement Y = FieldRequirement.Required;
    private const FieldRequirement C = FieldRequirement.Conditional;
    private const FieldRequirement N = FieldRequirement.Optional;

    public static CreditTemplate PenaltyLegalPerson { get; } = new("行政处罚-法人及非法人组织", CreditRecordKind.Penalty, false,
        [.. Party("CF", naturalPerson: false), .. PenaltyBody]);

    public static CreditTemplate PenaltyNaturalPerson { get; } = new("行政处罚-自然人", CreditRecordKind.Penalty, true,
        [.. Party("CF", naturalPerson: true), .. PenaltyBody]);

    public static CreditTemplate LicenseLegalPerson { get; } = new("行政许可-法人及非法人组织", CreditRecordKind.License, false,
        [.. Party("XK", naturalPerson: false), .. LicenseBody]);

    public static CreditTemplate LicenseNaturalPerson { get; } = new("行政许可-自然人", CreditRecordKind.License, true,
        [.. Party("XK", naturalPerson: true), .. LicenseBody]);

    public static IReadOnlyList<CreditTemplate> All { get; } = [PenaltyLegalPerson, PenaltyNaturalPerson, LicenseLegalPerson, LicenseNaturalPerson];

    public static CreditTemplate For(CreditRecordKind kind, bool naturalPerson) => (kind, naturalPerson) switch
    {
        (CreditRecordKind.Penalty, false) => PenaltyLegalPerson,
        (CreditRecordKind.Penalty, true) => PenaltyNaturalPerson,
        (_, false) => LicenseLegalPerson,
        _ => LicenseNaturalPerson,
    };

    private static IEnumerable<CreditField> Party(string prefix, bool naturalPerson) => naturalPerson
        ? [new($"{prefix}_XDR_MC", "行政相对人名称", Y), new($"{prefix}_XDR_LB", "行政相对人类别", Y),
           new($"{prefix}_XDR_ZJLX", "证件类型", C), new($"{prefix}_XDR_ZJHM", "证件号码", C)]
        : [new($"{prefix}_XDR_MC", "行政相对人名称", Y), new($"{prefix}_XDR_LB", "行政相对人类别", Y),
           new($"{prefix}_XDR_SHXYM", "统一社会信用代码", C), new($"{prefix}_XDR_GSZC", "工商注册号", N),
           new($"{prefix}_XDR_ZZJG", "组织机构代码", N), new($"{prefix}_XDR_SWDJ", "税务登记号", N),
           new($"{prefix}_XDR_SYDW", "事业单位证书号", N), new($"{prefix}_XDR_SHZZ", "社会组织登记证号", N),
           new($"{prefix}_FRDB", "法定代表人", C), new($"{prefix}_FR_ZJLX", "法定代表人证件类型", N),
           new($"{prefix}_FR_ZJHM", "法定代表人证件号码", N)];

    private static IEnumerable<CreditField> PenaltyBody =>
    [
        new("CF_WSH", "行政处罚决定书文号", Y), new("CF_WFXW", "违法行为类型", Y), new("CF_SY", "违法事实", Y),
        new("CF_YJ", "处罚依据", Y), new("CF_CFLB", "处罚类别", Y), new("CF_NR", "处罚内容", Y),
        new("CF_NR_FK", "罚款金额（万元）", C), new("CF_NR_WFFF", "没收违法所得、没收非法财物的金额（万元）", C),
        new("CF_NR_ZKDX", "暂扣或吊销证照名称及编号", C), new("CF_JDRQ", "处罚决定日期", Y), new("CF_YXQ", "处罚有效期", Y),
        new("CF_GSJZQ", "公示截止期", N), new("CF_CFJG", "处罚机关", Y), new("CF_CFJGDM", "处罚机关统一社会信用代码", Y),
        new("CF_SJLY", "数据来源单位", Y), new("CF_SJLYDM", "数据来源单位统一社会信用代码", Y), new("BZ", "备注", N),
    ];

    private static IEnumerable<CreditField> LicenseBody =>
    [
        new("XK_XKWS", "行政许可决定文书名称", Y), new("XK_WSH", "行政许可决定文书号", Y), new("XK_XKLB", "许可类别", Y),
        new("XK_XKZS", "许可证书名称", N), new("XK_XKBH", "许可编号", N), new("XK_NR", "许可内容", Y),
        new("XK_JDRQ", "许可决定日期", Y), new("XK_YXQZ", "有效期自", Y), new("XK_YXQZI", "有效期至", Y),
        new("XK_XKJG", "许可机关", Y), new("XK_XKJGDM", "许可机关统一社会信用代码", Y), new("XK_ZT", "当前状态", N),
        new("XK_LYDW", "数据来源单位", Y), new("XK_LYDWDM", "数据来源单位统一社会信用代码", Y), new("BZ", "备注", N),
    ];
}
