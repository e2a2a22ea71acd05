using System.Globalization;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;
using C = IntegrationHub.Samples.MarketRegulationColumns;

namespace IntegrationHub.Samples;

/// <summary>Department A: Chinese columns, "2024年3月5日" dates, amounts in 元 written several ways.</summary>
internal sealed class MarketRegulationShape : SampleDepartmentShape
{
    public static MarketRegulationShape Instance { get; } = new();

    public override SampleDepartment Department => SampleDepartment.MarketRegulation;
    public override string CategoryColumn => C.Category;
    public override string PenaltyCategory => C.PenaltyCategory;
    public override string FactsColumn => C.Facts;
    public override string FineColumn => C.Fine;

    public override IReadOnlyList<string> CheckedColumns { get; } =
        [C.Agency, C.AgencyUscc, C.PartyUscc, C.IdNumber, C.Filed, C.Decided, C.Delivered, C.Closed, C.Published, C.ReviewDate];

    public override object Key(long ordinal) => ordinal;

    public override string SourceKey(object key) => Convert.ToInt64(key, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    public override string Watermark(DateTimeOffset time) =>
        time.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public override Dictionary<string, object?> Build(SampleCase sample, object key, DateTimeOffset watermark, bool shared, Random random)
    {
        var separator = random.NextDouble() switch
        {
            < 0.85 => ";",
            < 0.95 => "；",
            _ => "、",
        };
        var isPerson = sample.Party.Kind == CounterpartKind.NaturalPerson;
        return new Dictionary<string, object?>(40, StringComparer.Ordinal)
        {
            [C.CaseId] = key,
            [C.CaseName] = sample.CaseName,
            [C.CaseNumber] = sample.CaseNumber,
            [C.DecisionNumber] = sample.DecisionNumber(),
            [C.Agency] = sample.Agency.Name,
            [C.AgencyUscc] = sample.Agency.Uscc,
            [C.Region] = sample.Agency.RegionCode,
            [C.AgencyLevel] = sample.Agency.Level,
            [C.Category] = sample.Category switch
            {
                ActionCategory.Penalty => C.PenaltyCategory,
                ActionCategory.Inspection => C.InspectionCategory,
                _ => C.LicensingCategory,
            },
            [C.PartyType] = sample.Party.Kind switch
            {
                CounterpartKind.NaturalPerson => "01",
                CounterpartKind.LegalPerson => "02",
                CounterpartKind.UnincorporatedOrganization => "03",
                _ => "04",
            },
            [C.PartyName] = sample.Party.Name,
            [C.PartyUscc] = sample.Party.Uscc,
            [C.IdType] = isPerson ? "身份证" : null,
            [C.IdNumber] = sample.Party.IdNumber,
            [C.Representative] = sample.Party.Representative,
            [C.Officer1] = sample.Officers[0].Name,
            [C.Officer1Certificate] = sample.Officers[0].CertificateNumber,
            [C.Officer2] = sample.Officers.Count > 1 ? sample.Officers[1].Name : null,
            [C.Officer2Certificate] = sample.Officers.Count > 1 ? sample.Officers[1].CertificateNumber : null,
            [C.Filed] = Date(sample.Filed),
            [C.Decided] = Date(sample.Decided),
            [C.Delivered] = Date(sample.Delivered),
            [C.Closed] = Date(sample.Closed),
            [C.Published] = Date(sample.Published),
            [C.Procedure] = sample.Procedure switch
            {
                Procedure.Simple => "简易",
                Procedure.Ordinary => "一般",
                _ => null,
            },
            [C.ViolationType] = sample.ViolationType,
            [C.Facts] = sample.Facts.Length == 0 ? null : sample.Facts,
            [C.LegalBasis] = string.Join("；", sample.LegalBasis),
            [C.PenaltyKinds] = sample.Penalties.Count == 0 ? null : string.Join(separator, sample.Penalties.Select(SamplePenaltyNames.Chinese)),
            [C.DecisionContent] = sample.DecisionContent,
            [C.Fine] = sample.Fine is { } fine ? Amount(fine, random) : null,
            [C.Confiscated] = sample.Confiscated,
            [C.ConfiscatedProperty] = sample.ConfiscatedProperty,
            [C.Major] = sample.Major ? "是" : "否",
            [C.Reviewer] = sample.Reviewer,
            [C.ReviewDate] = Date(sample.ReviewDate),
            [C.ReviewResult] = sample.ReviewPassed switch
            {
                true => "通过",
                false => "不通过",
                null => null,
            },
            [C.UpdatedAt] = Watermark(watermark),
        };
    }

    public override string Break(Dictionary<string, object?> values, SampleCase sample, SampleDefect defect, Random random)
    {
        switch (defect)
        {
            case SampleDefect.BadUscc:
                var column = sample.Party.Uscc is not null && random.NextDouble() < 0.5 ? C.PartyUscc : C.AgencyUscc;
                values[column] = SampleMasterData.BreakUscc(random, (string)values[column]!);
                return column;
            case SampleDefect.BadIdNumber:
                values[C.IdNumber] = SampleMasterData.BreakIdNumber(random, sample.Party.IdNumber!);
                return C.IdNumber;
            case SampleDefect.UnparseableDate:
                values[C.Decided] = $"{sample.Decided.Year}年13月45日";
                return C.Decided;
            default:
                values[C.Agency] = "";
                return C.Agency;
        }
    }

    public override bool IsValid(IReadOnlyDictionary<string, object?> values)
    {
        if (string.IsNullOrWhiteSpace(Text(values[C.Agency]))
            || !UnifiedSocialCreditCode.Check(Text(values[C.AgencyUscc]) ?? "").IsValid)
        {
            return false;
        }

        if (Text(values[C.PartyUscc]) is { Length: > 0 } uscc && !UnifiedSocialCreditCode.Check(uscc).IsValid)
        {
            return false;
        }

        if (Text(values[C.IdNumber]) is { Length: > 0 } id && !ResidentIdNumber.Check(id).IsValid)
        {
            return false;
        }

        return new[] { C.Filed, C.Decided, C.Delivered, C.Closed, C.Published, C.ReviewDate }
            .Select(c => Text(values[c]))
            .All(d => string.IsNullOrEmpty(d) || TryParseDate(d, out _));
    }

    public override string? ChangedFine(object? stored)
    {
        if (Text(stored) is not { Length: > 0 } text)
        {
            return null;
        }

        var wan = text.EndsWith("万元", StringComparison.Ordinal);
        var number = decimal.Parse(
            text.Replace(",", "", StringComparison.Ordinal).Replace("万元", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal),
            NumberStyles.Number,
            CultureInfo.InvariantCulture);
        return Invariant((wan ? number * 10_000m : number) + 100m, "0.00");
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? Date(DateOnly? date) => date is { } d ? SampleCaseFactory.Chinese(d) : null;

    /// <summary>12000 as "12000", "12000.00", "12,000.00" or "1.2万元".</summary>
    private static string Amount(decimal yuan, Random random) => random.NextDouble() switch
    {
        < 0.45 => Invariant(yuan, "0.##"),
        < 0.70 => Invariant(yuan, "0.00"),
        < 0.95 => Invariant(yuan, "#,##0.00"),
        _ => Invariant(yuan / 10_000m, "0.######") + "万元",
    };
}
