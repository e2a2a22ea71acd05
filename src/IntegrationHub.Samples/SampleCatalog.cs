using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>The violations, findings and names each kind of agency produces.</summary>
internal static class SampleCatalog
{
    private static readonly CounterpartKind[] Organisations =
        [CounterpartKind.LegalPerson, CounterpartKind.UnincorporatedOrganization];

    private static readonly CounterpartKind[] Businesses =
        [CounterpartKind.LegalPerson, CounterpartKind.UnincorporatedOrganization, CounterpartKind.IndividualBusiness];

    public static IReadOnlyList<string> Places { get; } =
        ["城关街道", "东关街道", "西关街道", "南街社区", "新华路", "人民路", "解放路", "建设路", "文化路", "长安路", "迎宾大道", "北关村", "杨家庄村", "工业园区"];

    public static IReadOnlyList<SampleViolation> Market { get; } =
    [
        new("经营超过保质期的食品",
            ["经查，当事人于{date}在其经营场所销售超过保质期的{item}{qty}件，货值金额{value}元，违法所得{gains}元。",
             "{date}，执法人员对当事人经营场所进行检查，发现其货架上摆放的{item}{qty}件已超过保质期，当事人仍在销售，货值金额{value}元。"],
            ["《中华人民共和国食品安全法》第三十四条第（十）项", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"],
            5_000m, 100_000m, Businesses,
            ["酸奶", "饼干", "火腿肠", "方便面", "果汁饮料", "面包", "纯牛奶", "酱油", "速冻水饺", "糕点", "水果罐头", "薯片"])
        { HasGains = true },
        new("未取得食品经营许可从事食品经营活动",
            ["经查，当事人自{date}起未取得食品经营许可，在{place}从事{item}经营活动，违法所得{gains}元。"],
            ["《中华人民共和国食品安全法》第三十五条第一款", "《中华人民共和国食品安全法》第一百二十二条第一款"],
            5_000m, 100_000m, [CounterpartKind.LegalPerson, CounterpartKind.IndividualBusiness, CounterpartKind.NaturalPerson],
            ["餐饮服务", "熟食销售", "预包装食品销售", "散装食品销售"])
        { HasGains = true, ExtraPenalties = [(PenaltyType.ConfiscationOfIllegalProperty, 0.2)] },
        new("未按规定查验供货者许可证和食品合格证明文件",
            ["经查，当事人于{date}购进{item}{qty}件，未查验供货者的许可证和食品出厂检验合格证明，也未建立进货查验记录。"],
            ["《中华人民共和国食品安全法》第五十三条第一款", "《中华人民共和国食品安全法》第一百二十六条第一款第（三）项"],
            5_000m, 50_000m, Businesses,
            ["散装白酒", "食用植物油", "鲜冻禽肉", "糕点", "调味品"]),
        new("发布虚假广告",
            ["经查，当事人自{date}起在其微信公众号发布{item}广告，宣称“{extra}”，该内容无事实依据，构成虚假广告。"],
            ["《中华人民共和国广告法》第二十八条第二款第（二）项", "《中华人民共和国广告法》第五十五条第一款"],
            20_000m, 200_000m, Organisations,
            ["保健食品", "医疗器械", "化妆品", "职业培训服务"])
        { Extras = ["三天见效", "无效退款", "国家级权威认证", "治愈率百分之九十八"] },
        new("对商品作虚假或者引人误解的商业宣传",
            ["经查，当事人在销售{item}过程中，自{date}起通过店内宣传海报宣称其产品“{extra}”，与实际情况不符，构成引人误解的商业宣传。"],
            ["《中华人民共和国反不正当竞争法》第八条第一款", "《中华人民共和国反不正当竞争法》第二十条第一款"],
            20_000m, 200_000m, Businesses,
            ["蜂蜜", "茶叶", "净水器", "羊奶粉", "红木家具"])
        { Extras = ["纯天然无添加", "销量全省第一", "原产地直供", "获得国际金奖"] },
        new("不按规定明码标价",
            ["{date}，执法人员检查发现当事人经营场所内{qty}种{item}未按规定明码标价。"],
            ["《中华人民共和国价格法》第十三条第一款", "《中华人民共和国价格法》第四十二条", "《明码标价和禁止价格欺诈规定》第二十一条"],
            500m, 5_000m, Businesses,
            ["商品", "服务项目", "蔬菜水果", "药品"])
        { WarningOnlyAllowed = true },
        new("销售不合格产品",
            ["经抽样检验，当事人于{date}销售的{item}经检验{extra}项目不合格，货值金额{value}元，违法所得{gains}元。"],
            ["《中华人民共和国产品质量法》第三十九条", "《中华人民共和国产品质量法》第五十条"],
            2_000m, 100_000m, Businesses,
            ["电线电缆", "儿童服装", "电热水壶", "转换插座", "防水涂料", "复合肥料"])
        {
            Extras = ["标志和标识", "绝缘电阻", "纤维含量", "有效成分含量"],
            HasGains = true,
            ExtraPenalties = [(PenaltyType.ConfiscationOfIllegalProperty, 0.4)],
        },
        new("使用未经定期检验的特种设备",
            ["{date}，执法人员检查发现当事人使用的{item}超过定期检验有效期{qty}天仍继续使用。"],
            ["《中华人民共和国特种设备安全法》第四十条第三款", "《中华人民共和国特种设备安全法》第八十四条第（一）项"],
            30_000m, 200_000m, Organisations,
            ["乘客电梯", "叉车", "压力容器", "燃气锅炉", "桥式起重机"]),
        new("销售劣药",
            ["经查，当事人于{date}购进并销售的{item}经检验为劣药，货值金额{value}元，违法所得{gains}元。"],
            ["《中华人民共和国药品管理法》第九十八条第一款", "《中华人民共和国药品管理法》第一百一十七条第一款"],
            10_000m, 200_000m, Organisations,
            ["阿莫西林胶囊", "板蓝根颗粒", "复方甘草片", "感冒清热颗粒"])
        { HasGains = true, ExtraPenalties = [(PenaltyType.ConfiscationOfIllegalProperty, 0.5), (PenaltyType.RevocationOfLicense, 0.03)] },
        new("从事无照经营",
            ["经查，当事人自{date}起未依法取得营业执照，在{place}从事{item}经营活动。"],
            ["《无证无照经营查处办法》第二条", "《无证无照经营查处办法》第十三条"],
            500m, 10_000m, [CounterpartKind.NaturalPerson],
            ["餐饮", "日用百货销售", "废品收购", "汽车维修"])
        { WarningOnlyAllowed = true },
        new("侵犯注册商标专用权",
            ["经查，当事人于{date}购进并销售标注“{extra}”注册商标的{item}{qty}件，经商标权利人鉴定为侵权商品，货值金额{value}元。"],
            ["《中华人民共和国商标法》第五十七条第（三）项", "《中华人民共和国商标法》第六十条第二款"],
            5_000m, 200_000m, Businesses,
            ["白酒", "运动鞋", "洗发水", "手机充电器"])
        { Extras = SampleMasterData.TradeNames, ExtraPenalties = [(PenaltyType.ConfiscationOfIllegalProperty, 0.8)] },
    ];

    public static IReadOnlyList<SampleViolation> Ecology { get; } =
    [
        new("超过大气污染物排放标准排放大气污染物",
            ["{date}，执法人员对当事人{item}进行现场检查，监测结果显示其{extra}排放浓度为{conc}mg/m³，超过排放标准。"],
            ["《中华人民共和国大气污染防治法》第十八条", "《中华人民共和国大气污染防治法》第九十九条第（二）项"],
            100_000m, 200_000m, Organisations,
            ["燃煤锅炉", "喷涂车间", "砖瓦窑炉", "烘干工序"])
        { Extras = ["颗粒物", "二氧化硫", "氮氧化物", "挥发性有机物"], ExtraPenalties = [(PenaltyType.OrderToSuspendProduction, 0.08)] },
        new("未依法报批建设项目环境影响评价文件擅自开工建设",
            ["经查，当事人{item}项目于{date}开工建设，该项目环境影响报告表未经生态环境主管部门审批。"],
            ["《中华人民共和国环境影响评价法》第二十五条", "《中华人民共和国环境影响评价法》第三十一条第一款"],
            10_000m, 200_000m, Organisations,
            ["年产5万吨砂石料加工", "混凝土搅拌站", "塑料制品加工", "生猪养殖场", "汽车维修"]),
        new("超标排放水污染物",
            ["{date}，执法人员对当事人污水总排口采样监测，{extra}浓度为{conc}mg/L，超过《污水综合排放标准》限值。"],
            ["《中华人民共和国水污染防治法》第十条", "《中华人民共和国水污染防治法》第八十三条第（二）项"],
            100_000m, 200_000m, Organisations, [""])
        { Extras = ["化学需氧量", "氨氮", "总磷", "悬浮物"], ExtraPenalties = [(PenaltyType.OrderToSuspendProduction, 0.05)] },
        new("未按照规定贮存危险废物",
            ["{date}，执法人员检查发现当事人将{item}{qty}吨露天堆放于厂区，未按规定设置危险废物贮存场所。"],
            ["《中华人民共和国固体废物污染环境防治法》第八十一条第一款", "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第（六）项"],
            100_000m, 200_000m, Organisations,
            ["废矿物油", "废铅蓄电池", "废油漆桶", "废活性炭"]),
        new("未取得排污许可证排放污染物",
            ["经查，当事人{item}项目自{date}起投入生产，未取得排污许可证即排放污染物。"],
            ["《排污许可管理条例》第二条第一款", "《排污许可管理条例》第三十三条第（一）项"],
            200_000m, 200_000m, Organisations,
            ["年产5万吨砂石料加工", "混凝土搅拌站", "塑料制品加工", "家具喷涂"])
        { ExtraPenalties = [(PenaltyType.OrderToSuspendProduction, 0.15)] },
        new("建设工程施工未采取有效扬尘防治措施",
            ["{date}，执法人员检查发现当事人承建的{item}施工现场裸露土方未覆盖，运输车辆未冲洗即驶出工地。"],
            ["《中华人民共和国大气污染防治法》第六十九条第三款", "《中华人民共和国大气污染防治法》第一百一十五条第一款第（一）项"],
            10_000m, 100_000m, Organisations,
            ["住宅小区", "市政道路", "学校教学楼", "商业综合体"]),
        new("未按照规定开展自行监测",
            ["经查，当事人自{date}起未按照排污许可证规定对{extra}开展自行监测。"],
            ["《排污许可管理条例》第十九条第一款", "《排污许可管理条例》第三十六条第（六）项"],
            20_000m, 200_000m, Organisations, [""])
        { Extras = ["废气排放口", "废水排放口", "厂界噪声"] },
        new("未按照规定记录环境管理台账",
            ["{date}，执法人员检查发现当事人未按照排污许可证规定记录{extra}环境管理台账。"],
            ["《排污许可管理条例》第二十一条第一款", "《排污许可管理条例》第三十七条第（一）项"],
            500m, 20_000m, Businesses, [""])
        { Extras = ["污染防治设施运行", "危险废物", "原辅材料"], WarningOnlyAllowed = true },
        new("露天焚烧秸秆落叶等产生烟尘污染的物质",
            ["{date}，执法人员巡查发现当事人在{place}露天焚烧{item}，产生烟尘污染。"],
            ["《中华人民共和国大气污染防治法》第七十七条", "《中华人民共和国大气污染防治法》第一百一十九条第一款"],
            500m, 2_000m, [CounterpartKind.NaturalPerson],
            ["秸秆", "落叶", "杂草"]),
    ];

    /// <summary>Violations handled by a county 综合行政执法局 (its decisions go to both departments).</summary>
    public static IReadOnlyList<SampleViolation> Comprehensive { get; } =
    [
        new("露天焚烧产生有毒有害烟尘和恶臭气体的物质",
            ["{date}，执法人员巡查发现当事人在{place}露天焚烧{item}，产生有毒有害烟尘和恶臭气体。"],
            ["《中华人民共和国大气污染防治法》第八十二条第一款", "《中华人民共和国大气污染防治法》第一百一十九条第二款"],
            10_000m, 100_000m, [CounterpartKind.LegalPerson, CounterpartKind.IndividualBusiness, CounterpartKind.NaturalPerson],
            ["废旧轮胎", "塑料垃圾", "废弃油毡", "废旧电缆皮"])
        { PersonMinFine = 500m, PersonMaxFine = 2_000m },
        new("在城市人口集中区露天烧烤食品",
            ["{date}，执法人员在{place}发现当事人在城市人口集中区域露天烧烤食品。"],
            ["《中华人民共和国大气污染防治法》第八十一条第三款", "《中华人民共和国大气污染防治法》第一百一十八条第三款"],
            5_000m, 20_000m, [CounterpartKind.IndividualBusiness, CounterpartKind.NaturalPerson], [""])
        { ExtraPenalties = [(PenaltyType.ConfiscationOfIllegalProperty, 0.5)] },
        new("餐饮服务业经营者未安装油烟净化设施",
            ["{date}，执法人员检查发现当事人经营的餐饮店未安装油烟净化设施，油烟直接排放。"],
            ["《中华人民共和国大气污染防治法》第八十一条第一款", "《中华人民共和国大气污染防治法》第一百一十八条第一款"],
            5_000m, 50_000m, [CounterpartKind.LegalPerson, CounterpartKind.IndividualBusiness], [""]),
        Ecology[5],
        Market[0],
    ];

    public static IReadOnlyList<string> MarketIndustries { get; } =
        ["餐饮管理", "食品", "商贸", "超市", "医药连锁", "医疗器械", "电子科技", "农产品", "文化传媒", "酒业", "服饰", "母婴用品"];

    public static IReadOnlyList<string> EcologyIndustries { get; } =
        ["化工", "建材", "混凝土", "水泥制品", "煤业", "印染", "机械制造", "汽车维修服务", "热力", "环保科技", "铸造", "包装材料", "建筑工程"];

    public static IReadOnlyList<string> ComprehensiveIndustries { get; } = ["餐饮管理", "建筑工程", "物业管理", "商贸"];

    public static IReadOnlyList<string> MarketShops { get; } =
        ["面馆", "便利店", "副食店", "水果店", "烟酒商行", "小吃店", "泡馍馆", "药店", "服装店", "五金店"];

    public static IReadOnlyList<string> EcologyShops { get; } = ["汽修部", "洗车行", "木材加工厂", "砖厂", "干洗店"];

    public static IReadOnlyList<string> ComprehensiveShops { get; } = ["烧烤店", "面馆", "小吃店", "饭店"];

    public static IReadOnlyList<string> MarketFindings { get; } =
    [
        "经现场检查，未发现违法违规行为。",
        "检查发现部分从业人员未持有效健康证明上岗，已责令限期改正。",
        "检查发现进货查验记录不完整，已责令改正。",
        "检查发现食品原料与非食品混放，已责令立即改正。",
    ];

    public static IReadOnlyList<string> EcologyFindings { get; } =
    [
        "经现场检查，污染防治设施正常运行，未发现环境违法行为。",
        "检查发现废气处理设施运行记录不完整，已责令改正。",
        "检查发现危险废物贮存场所标识不规范，已责令限期整改。",
        "检查发现雨污分流不彻底，已责令限期整改。",
    ];
}
