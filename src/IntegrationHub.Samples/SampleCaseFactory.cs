using System.Globalization;
using System.Text;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>
/// Makes consistent cases: dates in order (filed ≤ decided ≤ delivered ≤ published), fines matching the procedure,
/// legal review for major decisions, document numbers unique per agency, kind and year. Memory is bounded by the
/// number of agencies, not by the number of cases.
/// </summary>
internal sealed class SampleCaseFactory(Random random)
{
    private static readonly DateOnly FirstDecision = new(2023, 1, 1);
    private const int DecisionDays = 730;

    private readonly Dictionary<string, int> sequences = new(StringComparer.Ordinal);

    public SampleCase Market(bool naturalPersonPenalty)
    {
        var agency = SampleMasterData.Pick(random, SampleMasterData.MarketAgencies);
        var category = naturalPersonPenalty ? ActionCategory.Penalty : Category(0.80, 0.12);
        return category switch
        {
            ActionCategory.Penalty => Penalty(agency, SampleCatalog.Market, "处罚", "立", Domain.Market, naturalPersonPenalty),
            ActionCategory.Inspection => Inspection(agency, "检", Domain.Market),
            _ => Licensing(agency, "许", "受", Domain.Market),
        };
    }

    public SampleCase Ecology(bool naturalPersonPenalty)
    {
        var agency = SampleMasterData.Pick(random, SampleMasterData.EcologyAgencies);
        var category = naturalPersonPenalty ? ActionCategory.Penalty : Category(0.75, 0.18);
        return category switch
        {
            ActionCategory.Penalty => Penalty(agency, SampleCatalog.Ecology, "罚", null, Domain.Ecology, naturalPersonPenalty),
            ActionCategory.Inspection => Inspection(agency, "检", Domain.Ecology),
            _ => Licensing(agency, "许", null, Domain.Ecology),
        };
    }

    /// <summary>A penalty decision of a county 综合行政执法局, pushed into both departments.</summary>
    public SampleCase Shared()
    {
        var agency = SampleMasterData.Pick(random, SampleMasterData.ComprehensiveAgencies);
        return Penalty(agency, SampleCatalog.Comprehensive, "罚", "立", Domain.Comprehensive, naturalPerson: false);
    }

    private ActionCategory Category(double penalty, double inspection)
    {
        var u = random.NextDouble();
        return u < penalty ? ActionCategory.Penalty : u < penalty + inspection ? ActionCategory.Inspection : ActionCategory.Licensing;
    }

    private SampleCase Penalty(SampleAgency agency, IReadOnlyList<SampleViolation> catalog, string kind, string? caseKind, Domain domain, bool naturalPerson)
    {
        var candidates = naturalPerson ? catalog.Where(v => v.Parties.Contains(CounterpartKind.NaturalPerson)).ToList() : catalog;
        var violation = SampleMasterData.Pick(random, candidates);
        var partyKind = naturalPerson ? CounterpartKind.NaturalPerson : PartyKind(violation.Parties);
        var party = Party(partyKind, agency, domain);
        var isPerson = partyKind == CounterpartKind.NaturalPerson;

        var penalties = new List<PenaltyType>();
        decimal? fine = null;
        decimal? confiscated = null;
        if (violation.WarningOnlyAllowed && random.NextDouble() < 0.2)
        {
            penalties.Add(PenaltyType.Warning);
        }
        else
        {
            fine = Fine(violation, isPerson);
            penalties.Add(PenaltyType.Fine);
            if (random.NextDouble() < 0.3)
            {
                penalties.Add(PenaltyType.Warning);
            }

            if (violation.HasGains && random.NextDouble() < 0.4)
            {
                penalties.Add(PenaltyType.ConfiscationOfIllegalGains);
                var u = random.NextDouble();
                confiscated = Math.Round(50m + (19_950m * (decimal)(u * u)), 2);
            }

            foreach (var (type, probability) in violation.ExtraPenalties)
            {
                if (random.NextDouble() < probability)
                {
                    penalties.Add(type);
                }
            }
        }

        var onlyLight = penalties.All(p => p is PenaltyType.Warning or PenaltyType.Fine);
        var simple = penalties is [PenaltyType.Warning]
            || (!isPerson && onlyLight && fine <= 3_000m && random.NextDouble() < 0.6);

        var decided = FirstDecision.AddDays(random.Next(DecisionDays));
        DateOnly filed;
        DateOnly delivered;
        if (simple)
        {
            filed = decided;
            delivered = decided;
        }
        else
        {
            filed = decided.AddDays(-random.Next(5, 86));
            delivered = decided.AddDays(random.NextDouble() < 0.85 ? random.Next(0, 6) : random.Next(6, 13));
        }

        var published = delivered.AddDays(random.NextDouble() < 0.9 ? random.Next(0, 6) : random.Next(6, 25));
        DateOnly? closed = random.NextDouble() < 0.85 ? delivered.AddDays(random.Next(10, 41)) : null;

        var major = (isPerson ? fine >= 10_000m : fine >= 50_000m)
            || penalties.Contains(PenaltyType.RevocationOfLicense)
            || penalties.Contains(PenaltyType.OrderToSuspendProduction);
        string? reviewer = null;
        DateOnly? reviewDate = null;
        bool? passed = null;
        var reviewed = major ? random.NextDouble() < 0.97 : !simple && random.NextDouble() < 0.3;
        if (reviewed)
        {
            reviewer = SampleMasterData.Pick(random, agency.Reviewers);
            var date = random.NextDouble() < 0.985 || !major
                ? decided.AddDays(-random.Next(1, 5))
                : decided.AddDays(random.Next(1, 4)); // a few major decisions reviewed only afterwards
            reviewDate = date < filed ? filed : date;
            passed = random.NextDouble() < 0.99;
        }

        var goodsValue = Math.Round(100m + (19_900m * (decimal)random.NextDouble()), 2);
        var facts = Facts(violation, filed.AddDays(-random.Next(0, 15)), agency, goodsValue);
        decimal? property = penalties.Contains(PenaltyType.ConfiscationOfIllegalProperty) ? goodsValue : null;
        return new SampleCase
        {
            Category = ActionCategory.Penalty,
            Agency = agency,
            NumberPrefix = agency.NumberPrefix + kind,
            NumberYear = decided.Year,
            NumberSequence = Next(agency, kind, decided.Year),
            CaseNumber = caseKind is null ? null : $"{agency.NumberPrefix}{caseKind}〔{filed.Year}〕{Next(agency, caseKind, filed.Year)}号",
            CaseName = party.Name + violation.Type + "案",
            Party = party,
            Officers = Officers(agency),
            Filed = filed,
            Decided = decided,
            Delivered = delivered,
            Closed = closed,
            Published = published,
            Procedure = simple ? Procedure.Simple : Procedure.Ordinary,
            ViolationType = violation.Type,
            Facts = facts,
            LegalBasis = violation.LegalBasis,
            Penalties = penalties,
            Fine = fine,
            Confiscated = confiscated,
            ConfiscatedProperty = property,
            DecisionContent = Content(penalties, fine, confiscated, property),
            Major = major,
            Reviewer = reviewer,
            ReviewDate = reviewDate,
            ReviewPassed = passed,
        };
    }

    private SampleCase Inspection(SampleAgency agency, string kind, Domain domain)
    {
        var party = Party(PartyKind([CounterpartKind.LegalPerson, CounterpartKind.UnincorporatedOrganization, CounterpartKind.IndividualBusiness]), agency, domain);
        var decided = FirstDecision.AddDays(random.Next(DecisionDays));
        var market = domain == Domain.Market;
        var finding = SampleMasterData.Pick(random, market ? SampleCatalog.MarketFindings : SampleCatalog.EcologyFindings);
        return new SampleCase
        {
            Category = ActionCategory.Inspection,
            Agency = agency,
            NumberPrefix = agency.NumberPrefix + kind,
            NumberYear = decided.Year,
            NumberSequence = Next(agency, kind, decided.Year),
            CaseName = party.Name + (market ? "食品安全监督检查" : "排污单位现场检查"),
            Party = party,
            Officers = Officers(agency),
            Decided = decided,
            Published = decided.AddDays(random.Next(1, 16)),
            Facts = finding,
            LegalBasis = market ? ["《中华人民共和国食品安全法》第一百一十条"] : ["《中华人民共和国环境保护法》第二十四条"],
            DecisionContent = finding.StartsWith("经现场检查", StringComparison.Ordinal) ? "检查结果：符合" : "检查结果：基本符合，责令限期整改",
        };
    }

    private SampleCase Licensing(SampleAgency agency, string kind, string? caseKind, Domain domain)
    {
        var party = Party(PartyKind([CounterpartKind.LegalPerson, CounterpartKind.UnincorporatedOrganization, CounterpartKind.IndividualBusiness]), agency, domain);
        var decided = FirstDecision.AddDays(random.Next(DecisionDays));
        var filed = decided.AddDays(-random.Next(1, 21));
        var delivered = decided.AddDays(random.Next(0, 4));
        var market = domain == Domain.Market;
        var licence = market
            ? "准予食品经营许可，许可证编号：JY1" + agency.RegionCode + random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture)
            : "核发排污许可证，证书编号：" + party.Uscc + "001P";
        return new SampleCase
        {
            Category = ActionCategory.Licensing,
            Agency = agency,
            NumberPrefix = agency.NumberPrefix + kind,
            NumberYear = decided.Year,
            NumberSequence = Next(agency, kind, decided.Year),
            CaseNumber = caseKind is null ? null : $"{agency.NumberPrefix}{caseKind}〔{filed.Year}〕{Next(agency, caseKind, filed.Year)}号",
            CaseName = party.Name + (market ? "食品经营许可" : "排污许可证核发"),
            Party = party,
            Officers = Officers(agency),
            Filed = filed,
            Decided = decided,
            Delivered = delivered,
            Published = delivered.AddDays(random.Next(0, 6)),
            Facts = "",
            LegalBasis = market
                ? ["《中华人民共和国食品安全法》第三十五条第一款", "《中华人民共和国行政许可法》第三十八条第一款"]
                : ["《排污许可管理条例》第十一条", "《中华人民共和国行政许可法》第三十八条第一款"],
            DecisionContent = licence,
        };
    }

    private int Next(SampleAgency agency, string kind, int year)
    {
        var key = string.Concat(agency.Uscc, kind, year.ToString(CultureInfo.InvariantCulture));
        var next = sequences.GetValueOrDefault(key) + 1;
        sequences[key] = next;
        return next;
    }

    private CounterpartKind PartyKind(IReadOnlyList<CounterpartKind> allowed)
    {
        static int Weight(CounterpartKind kind) => kind switch
        {
            CounterpartKind.LegalPerson => 45,
            CounterpartKind.IndividualBusiness => 30,
            CounterpartKind.NaturalPerson => 15,
            _ => 10,
        };

        var total = allowed.Sum(Weight);
        var u = random.Next(total);
        foreach (var kind in allowed)
        {
            u -= Weight(kind);
            if (u < 0)
            {
                return kind;
            }
        }

        return allowed[^1];
    }

    private SampleParty Party(CounterpartKind kind, SampleAgency agency, Domain domain)
    {
        var region = Region(agency);
        switch (kind)
        {
            case CounterpartKind.NaturalPerson:
                return new SampleParty(kind, SampleMasterData.PersonName(random), null, SampleMasterData.IdNumber(random), null);
            case CounterpartKind.IndividualBusiness:
            {
                var owner = SampleMasterData.PersonName(random);
                var shops = domain switch
                {
                    Domain.Market => SampleCatalog.MarketShops,
                    Domain.Ecology => SampleCatalog.EcologyShops,
                    _ => SampleCatalog.ComprehensiveShops,
                };
                var name = region.FullName + owner[..1] + "记" + SampleMasterData.Pick(random, shops);
                return new SampleParty(kind, name, SampleMasterData.Uscc(random, "92", region.Code, "L"), null, owner);
            }

            default:
            {
                var industries = domain switch
                {
                    Domain.Market => SampleCatalog.MarketIndustries,
                    Domain.Ecology => SampleCatalog.EcologyIndustries,
                    _ => SampleCatalog.ComprehensiveIndustries,
                };
                var place = random.NextDouble() < 0.4 ? "陕西" : region.PrefectureShortName;
                var u = random.NextDouble();
                var suffix = u < 0.7 ? "有限公司" : u < 0.95 ? "有限责任公司" : "股份有限公司";
                var name = place + SampleMasterData.Pick(random, SampleMasterData.TradeNames)
                    + SampleMasterData.Pick(random, industries) + suffix;
                if (kind == CounterpartKind.UnincorporatedOrganization)
                {
                    name += region.ShortName + "分公司";
                }

                return new SampleParty(kind, name, SampleMasterData.Uscc(random, "91", region.Code, "MA"), null, SampleMasterData.PersonName(random));
            }
        }
    }

    private SampleRegion Region(SampleAgency agency)
    {
        var own = SampleMasterData.Regions.FirstOrDefault(r => r.Code == agency.RegionCode);
        if (own is not null)
        {
            return own;
        }

        var inPrefecture = SampleMasterData.Regions.Where(r => r.PrefectureCode == agency.RegionCode).ToList();
        return SampleMasterData.Pick(random, inPrefecture);
    }

    private List<SampleOfficer> Officers(SampleAgency agency)
    {
        var first = random.Next(agency.Officers.Count);
        if (random.NextDouble() < 0.03)
        {
            return [agency.Officers[first]];
        }

        var second = (first + 1 + random.Next(agency.Officers.Count - 1)) % agency.Officers.Count;
        return [agency.Officers[first], agency.Officers[second]];
    }

    private decimal Fine(SampleViolation violation, bool isPerson)
    {
        var (min, max) = isPerson && violation.PersonMaxFine > 0
            ? (violation.PersonMinFine, violation.PersonMaxFine)
            : (violation.MinFine, violation.MaxFine);
        var u = random.NextDouble();
        var raw = min + ((max - min) * (decimal)(u * u));
        var r = random.NextDouble();
        var step = r < 0.65 ? (raw >= 20_000m ? 1_000m : 100m) : r < 0.9 ? 50m : 1m;
        var amount = Math.Round(raw / step, MidpointRounding.AwayFromZero) * step;
        return Math.Clamp(amount, Math.Max(min, 500m), Math.Min(max, 200_000m));
    }

    private string Facts(SampleViolation violation, DateOnly date, SampleAgency agency, decimal value)
    {
        var template = SampleMasterData.Pick(random, violation.Facts);
        var gains = Math.Round(value * (decimal)(0.1 + (0.3 * random.NextDouble())), 2);
        var conc = Math.Round(20m + (480m * (decimal)random.NextDouble()), 1);
        return new StringBuilder(template)
            .Replace("{date}", Chinese(date))
            .Replace("{place}", Region(agency).Name + SampleMasterData.Pick(random, SampleCatalog.Places))
            .Replace("{item}", SampleMasterData.Pick(random, violation.Items))
            .Replace("{extra}", SampleMasterData.Pick(random, violation.Extras))
            .Replace("{qty}", random.Next(2, 200).ToString(CultureInfo.InvariantCulture))
            .Replace("{value}", value.ToString("0.00", CultureInfo.InvariantCulture))
            .Replace("{gains}", gains.ToString("0.00", CultureInfo.InvariantCulture))
            .Replace("{conc}", conc.ToString("0.0", CultureInfo.InvariantCulture))
            .ToString();
    }

    private static string Content(IReadOnlyList<PenaltyType> penalties, decimal? fine, decimal? confiscated, decimal? property)
    {
        var parts = penalties.Select(p => p switch
        {
            PenaltyType.Fine => $"罚款人民币{fine!.Value.ToString("N2", CultureInfo.InvariantCulture)}元",
            PenaltyType.ConfiscationOfIllegalGains => $"没收违法所得人民币{confiscated!.Value.ToString("N2", CultureInfo.InvariantCulture)}元",
            PenaltyType.ConfiscationOfIllegalProperty => $"没收涉案物品（价值人民币{property!.Value.ToString("N2", CultureInfo.InvariantCulture)}元）",
            PenaltyType.RevocationOfLicense => "吊销许可证件",
            PenaltyType.OrderToSuspendProduction => "责令停产停业",
            _ => SamplePenaltyNames.Chinese(p),
        });
        return string.Join("；", parts.Select((text, i) => $"{i + 1}.{text}"));
    }

    internal static string Chinese(DateOnly date) =>
        date.ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture);

    private enum Domain
    {
        Market,
        Ecology,
        Comprehensive,
    }
}
