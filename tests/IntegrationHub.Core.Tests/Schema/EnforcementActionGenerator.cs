using System.Security.Cryptography;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Core.Tests.Schema;

/// <summary>
/// Builds varied but lawful <see cref="EnforcementAction"/> records from a seed. Code-list values are taken in turn, so
/// every member of every enum comes up within a few dozen records; every optional part is present about half the time.
/// </summary>
internal sealed class EnforcementActionGenerator(int seed)
{
    private const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly string[] Agencies =
    [
        "湖北省药品监督管理局", "武汉市江汉区市场监督管理局", "北京市朝阳区卫生健康委员会", "简阳市市场监督管理局",
        "深圳市生态环境局", "成都市交通运输综合行政执法总队", "武汉市应急管理局", "江夏区五里界街道办事处",
    ];

    private static readonly string[] Regions = ["420000", "420103", "110105", "510185", "440300", "510100", "420100", "420115"];
    private static readonly string[] Companies = ["武汉卓研生物科技有限公司", "湖北康泰华医药有限公司", "深圳市南岭精密制造有限公司", "成都蓉城冷链物流有限公司"];
    private static readonly string[] People = ["赵桂兰", "李建国", "王芳", "陈志强", "刘洋", "张秀英", "黄磊", "周敏"];
    private static readonly string[] Violations = ["销售劣药", "未依照规定建立并执行进货查验记录制度", "发布虚假广告", "超标排放大气污染物", "未取得道路运输经营许可擅自从事道路运输经营"];
    private static readonly string[] Provisions =
    [
        "《中华人民共和国药品管理法》第一百一十七条第一款", "《中华人民共和国广告法》第五十五条第一款",
        "《中华人民共和国行政处罚法》第五十一条", "《中华人民共和国食品安全法》第一百一十条", "《中华人民共和国行政强制法》第二十四条",
    ];

    private static readonly PenaltyType[] AmountTypes = [PenaltyType.Fine, PenaltyType.ConfiscationOfIllegalGains, PenaltyType.ConfiscationOfIllegalProperty];

    private readonly Random _random = new(seed);
    private readonly Dictionary<Type, int> _turns = [];

    public EnforcementAction Next() => new()
    {
        Agency = new EnforcingAgency
        {
            Name = Pick(Agencies),
            Uscc = Maybe(() => Uscc("11")),
            RegionCode = Maybe(() => Pick(Regions)),
            Level = MaybeValue(InTurn<AgencyLevel>),
        },
        Category = InTurn<ActionCategory>(),
        PowerItemCode = Maybe(() => $"{Pick(Regions)}{_random.Next(0, 1000):000}{_random.Next(1, 11):00}{_random.Next(0, 1000):000}00"),
        CaseName = Maybe(() => $"{Pick(Companies)}{Pick(Violations)}案"),
        CaseNumber = Maybe(() => $"鄂市监立〔{_random.Next(2018, 2026)}〕{_random.Next(1, 999)}号"),
        DecisionNumber = Maybe(() => $"鄂市监罚〔{_random.Next(2018, 2026)}〕{_random.Next(1, 999)}号"),
        Counterparts = Several(Counterpart),
        Officers = Several(() => new Officer { Name = Pick(People), CertificateNumber = Maybe(() => $"4200002100{_random.Next(0, 10000):0000}") }),
        Dates = new ActionDates { Filed = MaybeValue(Date), Decided = MaybeValue(Date), Delivered = MaybeValue(Date), Closed = MaybeValue(Date) },
        Procedure = MaybeValue(InTurn<Procedure>),
        Violation = Maybe(() => new Violation { Type = Maybe(() => Pick(Violations)), Facts = Maybe(() => "经查，当事人于2023年9月至11月期间实施上述违法行为，有现场检查笔录、询问笔录等证据为证。") }),
        DecisionContent = Maybe(() => "给予警告，并处罚款。"),
        Penalties = Several(Penalty),
        License = Maybe(License),
        LegalBasis = Several(() => Pick(Provisions)),
        LegalReview = Maybe(() => new LegalReview
        {
            Required = Chance(),
            Reviewer = Maybe(() => $"政策法规处 {Pick(People)}"),
            Date = MaybeValue(Date),
            Opinion = Maybe(() => "事实清楚，证据确凿，适用依据正确，程序合法，同意。"),
            Passed = MaybeValue(Chance),
        }),
        Hearing = Maybe(() => new Hearing
        {
            NoticeDate = MaybeValue(Date),
            Requested = MaybeValue(Chance),
            HearingNoticeDate = MaybeValue(Date),
            HearingDate = MaybeValue(Date),
        }),
        Recordings = Several(() => new Recording
        {
            Kind = InTurn<RecordingKind>(),
            Stage = Maybe(() => Pick(["现场检查", "调查取证", "送达", "听证", "扣押"])),
            Uri = Maybe(() => $"s3://evidence/{_random.Next(2018, 2026)}/{_random.NextInt64():x16}.mp4"),
            Sha256 = Maybe(() => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(_random.NextInt64())))),
            Time = MaybeValue(Moment),
        }),
        Publication = Maybe(() => new Publication
        {
            PublishedOn = MaybeValue(Date),
            Url = Maybe(() => $"https://www.creditchina.gov.cn/xyxx/{_random.Next(100000, 999999)}.html"),
            ChangedOn = MaybeValue(Date),
            WithdrawnOn = MaybeValue(Date),
            WithdrawalReason = Maybe(() => "该行政处罚决定已被行政复议决定撤销。"),
        }),
        Sources = Several(() => new SourceLineage
        {
            Connector = Pick(["hubei-mpa-case-system", "hubei-internet-plus-supervision", "sichuan-enforcement-platform"]),
            SourceKey = $"CF-{_random.Next(2018, 2026)}-{_random.Next(0, 1_000_000):000000}",
            SourceVersion = Maybe(() => _random.Next(1, 20).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ReceivedAt = Moment(),
            MappingVersion = _random.Next(0, 6),
        }),
    };

    private Counterpart Counterpart()
    {
        var kind = InTurn<CounterpartKind>();
        var natural = kind == CounterpartKind.NaturalPerson;
        var idType = natural || kind == CounterpartKind.IndividualBusiness ? MaybeValue(InTurn<IdDocumentType>) : null;
        return new Counterpart
        {
            Kind = kind,
            Name = natural ? Pick(People) : Pick(Companies),
            Uscc = natural ? null : Maybe(() => Uscc(kind == CounterpartKind.IndividualBusiness ? "92" : "91")),
            IdType = idType,
            IdNumber = idType is null ? null : Maybe(() => idType == IdDocumentType.ResidentIdCard ? ResidentId() : $"E{_random.Next(10_000_000, 99_999_999)}"),
            LegalRepresentative = natural ? null : Maybe(() => Pick(People)),
        };
    }

    private Penalty Penalty()
    {
        var type = InTurn<PenaltyType>();
        return new Penalty
        {
            Type = type,
            // Fines always carry their amount (schema rule), confiscations here too; 0 and whole and fractional yuan all occur.
            AmountYuan = AmountTypes.Contains(type) ? Math.Round((decimal)_random.NextDouble() * 2_000_000m, _random.Next(0, 3)) : null,
            LicenseConcerned = type is PenaltyType.SuspensionOfLicense or PenaltyType.RevocationOfLicense
                ? Maybe(() => $"食品经营许可证 JY{_random.Next(10_000_000, 99_999_999)}")
                : null,
        };
    }

    private License License()
    {
        var from = Date();
        return new License
        {
            Type = MaybeValue(InTurn<LicenseType>),
            DocumentName = Maybe(() => "准予行政许可决定书"),
            CertificateName = Maybe(() => Pick(["药品经营许可证", "化妆品生产许可证", "道路运输经营许可证"])),
            LicenseNumber = Maybe(() => $"鄂妆{_random.Next(2016, 2026)}{_random.Next(1, 9999):0000}"),
            ValidFrom = Chance() ? from : null,
            ValidTo = Chance() ? from.AddYears(5).AddDays(-1) : null,
        };
    }

    private T InTurn<T>()
        where T : struct, Enum
    {
        var members = Enum.GetValues<T>();
        var turn = _turns.GetValueOrDefault(typeof(T));
        _turns[typeof(T)] = turn + 1;
        return members[turn % members.Length];
    }

    private string Uscc(string prefix)
    {
        var body = prefix + Pick(Regions) + string.Concat(Enumerable.Range(0, 8).Select(_ => UsccCharset[_random.Next(UsccCharset.Length)]));
        body += OrganizationCode.ComputeCheckCharacter(body[8..]);
        return body + UnifiedSocialCreditCode.ComputeCheckCharacter(body);
    }

    private string ResidentId()
    {
        var body = $"{Pick(Regions)}{Date().AddYears(-40):yyyyMMdd}{_random.Next(0, 1000):000}";
        return body + ResidentIdNumber.ComputeCheckCharacter(body);
    }

    private DateOnly Date() => new DateOnly(2016, 1, 1).AddDays(_random.Next(0, 3650));

    // Whole seconds, sub-second ticks, China Standard Time and UTC all occur.
    private DateTimeOffset Moment()
    {
        var ticks = _random.NextInt64(0, TimeSpan.TicksPerDay);
        if (Chance())
        {
            ticks -= ticks % TimeSpan.TicksPerSecond;
        }

        return new DateTimeOffset(Date(), TimeOnly.MinValue, TimeSpan.Zero).AddTicks(ticks).ToOffset(Chance() ? TimeSpan.FromHours(8) : TimeSpan.Zero);
    }

    private IReadOnlyList<T> Several<T>(Func<T> make) => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => make()).ToList();

    private T? Maybe<T>(Func<T> make)
        where T : class => Chance() ? make() : null;

    private T? MaybeValue<T>(Func<T> make)
        where T : struct => Chance() ? make() : null;

    private bool Chance() => _random.Next(2) == 0;

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
