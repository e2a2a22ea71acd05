using System.Globalization;
using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Samples;

/// <summary>
/// The fixed world of the samples: divisions of 陕西省 (61), names, and the agencies of both departments with valid
/// 统一社会信用代码. Built once from a constant seed, so agencies are the same whatever the generator's seed.
/// </summary>
internal static class SampleMasterData
{
    public const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static IReadOnlyList<SampleRegion> Regions { get; } = BuildRegions();

    public static IReadOnlyList<string> Surnames { get; } = Chars(
        "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文党屈雒师");

    public static IReadOnlyList<string> GivenNameChars { get; } = Chars(
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉宁建国志海红波斌宇浩凯鑫晨欣悦佳婷雪琳峰亮飞龙文博俊帅晓雅倩瑞昊睿泽子轩诺思怡梓涵家乐嘉雨航天成永庆卫东新春荣凤梅林金宏秦岭渭");

    public static IReadOnlyList<string> TradeNames { get; } =
    [
        "秦川", "长安", "汉唐", "鑫源", "华瑞", "恒通", "泰和", "宏达", "盛世", "聚丰", "丰泽", "博远", "兴盛", "永康",
        "瑞祥", "金鼎", "天润", "德信", "嘉禾", "锦程", "万通", "明远", "昌盛", "众诚", "华泰", "佳宇", "宝鼎", "三秦",
        "渭水", "终南", "骊山", "大唐", "丝路", "西部", "秦岭", "延河", "汉江", "黄河", "关中", "陕北", "安泰", "同创",
    ];

    public static IReadOnlyList<SampleAgency> MarketAgencies { get; }

    public static IReadOnlyList<SampleAgency> EcologyAgencies { get; }

    /// <summary>County 综合行政执法局 whose decisions are pushed into both departments' systems.</summary>
    public static IReadOnlyList<SampleAgency> ComprehensiveAgencies { get; }

    static SampleMasterData()
    {
        var random = new Random(20_240_601);
        var prefectures = Regions.DistinctBy(r => r.PrefectureCode).ToList();

        var market = new List<SampleAgency>();
        foreach (var p in prefectures)
        {
            market.Add(Agency(random, p.PrefectureName + "市场监督管理局", p.PrefectureCode, "市级", p.PrefectureShortName + "市监"));
        }

        foreach (var r in Regions)
        {
            market.Add(Agency(random, r.FullName + "市场监督管理局", r.Code, "县级", r.ShortName + "市监"));
        }

        var ecology = new List<SampleAgency>();
        foreach (var p in prefectures)
        {
            ecology.Add(Agency(random, p.PrefectureName + "生态环境局", p.PrefectureCode, "市级", p.PrefectureShortName[..1] + "环"));
        }

        foreach (var r in Regions)
        {
            ecology.Add(Agency(random, r.PrefectureName + "生态环境局" + r.Name + "分局", r.Code, "县级", r.PrefectureShortName[..1] + "环" + r.ShortName));
        }

        var comprehensive = new List<SampleAgency>();
        foreach (var r in Regions.Where(r => !r.IsDistrict))
        {
            comprehensive.Add(Agency(random, r.Name + "综合行政执法局", r.Code, "县级", r.ShortName + "综执"));
        }

        MarketAgencies = market;
        EcologyAgencies = ecology;
        ComprehensiveAgencies = comprehensive;
    }

    public static string PersonName(Random random)
    {
        var name = Pick(random, Surnames) + Pick(random, GivenNameChars);
        return random.NextDouble() < 0.7 ? name + Pick(random, GivenNameChars) : name;
    }

    /// <summary>A valid USCC: prefix (91 企业, 92 个体工商户, 11 机关), region, a GB 11714 code with its check, check.</summary>
    public static string Uscc(Random random, string prefix, string regionCode, string bodyStart)
    {
        var body = new System.Text.StringBuilder(bodyStart);
        while (body.Length < 8)
        {
            body.Append(bodyStart.StartsWith("MB", StringComparison.Ordinal)
                ? (char)('0' + random.Next(10))
                : UsccCharset[random.Next(UsccCharset.Length)]);
        }

        var organizationCode = body + OrganizationCode.ComputeCheckCharacter(body.ToString()).ToString();
        var first17 = prefix + regionCode + organizationCode;
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>A valid 18-digit 公民身份号码 of someone born 1955–2004 in one of the sample regions.</summary>
    public static string IdNumber(Random random)
    {
        var region = Pick(random, Regions).Code;
        var birth = new DateOnly(1955, 1, 1).AddDays(random.Next(50 * 365));
        var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + random.Next(1, 1000).ToString("D3", CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckCharacter(first17);
    }

    /// <summary>The same USCC with another, wrong, check character.</summary>
    public static string BreakUscc(Random random, string uscc)
    {
        var right = UsccCharset.IndexOf(uscc[^1], StringComparison.Ordinal);
        var wrong = UsccCharset[(right + 1 + random.Next(UsccCharset.Length - 1)) % UsccCharset.Length];
        return uscc[..^1] + wrong;
    }

    /// <summary>The same ID number with another, wrong, check character.</summary>
    public static string BreakIdNumber(Random random, string idNumber)
    {
        const string CheckCharacters = "0123456789X";
        var right = CheckCharacters.IndexOf(idNumber[^1], StringComparison.Ordinal);
        var wrong = CheckCharacters[(right + 1 + random.Next(CheckCharacters.Length - 1)) % CheckCharacters.Length];
        return idNumber[..^1] + wrong;
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static SampleAgency Agency(Random random, string name, string regionCode, string level, string numberPrefix)
    {
        var uscc = Uscc(random, "11", regionCode, "MB");
        var officers = new List<SampleOfficer>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var count = random.Next(6, 13);
        var serial = random.Next(100, 900);
        while (officers.Count < count)
        {
            var officerName = PersonName(random);
            if (used.Add(officerName))
            {
                serial += random.Next(1, 40);
                officers.Add(new SampleOfficer(officerName, regionCode + serial.ToString("D5", CultureInfo.InvariantCulture)));
            }
        }

        var reviewers = new List<string>();
        while (reviewers.Count < 2)
        {
            var reviewer = PersonName(random);
            if (used.Add(reviewer))
            {
                reviewers.Add(reviewer);
            }
        }

        return new SampleAgency(name, uscc, regionCode, level, numberPrefix, officers, reviewers);
    }

    private static string[] Chars(string text) => text.Select(c => c.ToString()).ToArray();

    private static List<SampleRegion> BuildRegions()
    {
        // GB/T 2260 codes of 陕西省 (61): prefecture code, name, then its county-level divisions.
        (string Code, string Name, string Counties)[] table =
        [
            ("610100", "西安市", "610102 新城区,610103 碑林区,610104 莲湖区,610111 灞桥区,610112 未央区,610113 雁塔区,610114 阎良区,610115 临潼区,610116 长安区,610117 高陵区,610118 鄠邑区,610122 蓝田县,610124 周至县"),
            ("610200", "铜川市", "610202 王益区,610203 印台区,610204 耀州区,610222 宜君县"),
            ("610300", "宝鸡市", "610302 渭滨区,610303 金台区,610304 陈仓区,610323 岐山县,610324 扶风县,610326 眉县,610327 陇县,610328 千阳县"),
            ("610400", "咸阳市", "610402 秦都区,610403 杨陵区,610404 渭城区,610422 三原县,610423 泾阳县,610424 乾县,610481 兴平市,610482 彬州市"),
            ("610500", "渭南市", "610502 临渭区,610503 华州区,610522 潼关县,610523 大荔县,610581 韩城市,610582 华阴市"),
            ("610600", "延安市", "610602 宝塔区,610603 安塞区,610621 延长县,610681 子长市"),
            ("610700", "汉中市", "610702 汉台区,610703 南郑区,610722 城固县,610723 洋县,610724 西乡县,610725 勉县"),
            ("610800", "榆林市", "610802 榆阳区,610803 横山区,610822 府谷县,610881 神木市"),
            ("610900", "安康市", "610902 汉滨区,610921 汉阴县,610922 石泉县"),
            ("611000", "商洛市", "611002 商州区,611021 洛南县,611022 丹凤县"),
        ];

        var regions = new List<SampleRegion>();
        foreach (var (code, name, counties) in table)
        {
            foreach (var county in counties.Split(','))
            {
                var parts = county.Split(' ');
                regions.Add(new SampleRegion(parts[0], parts[1], code, name));
            }
        }

        return regions;
    }
}
