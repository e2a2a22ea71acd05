using System.Globalization;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;
using C = IntegrationHub.Samples.EcologyEnvironmentColumns;

namespace IntegrationHub.Samples;

/// <summary>
/// Department B: snake_case columns, amounts in 万元, provincial penalty codes, dates as yyyyMMdd, yyyy/M/d,
/// yyyy-MM-dd or epoch milliseconds. Its copy of a shared case writes the year in [] or () brackets, rounds the fine
/// to 0.01 万元, sometimes lacks the officers' certificate numbers and sometimes has a later publication date.
/// </summary>
internal sealed class EcologyEnvironmentShape : SampleDepartmentShape
{
    private static readonly string[] DateFormats = ["yyyyMMdd", "yyyy/M/d", "yyyy-MM-dd"];

    public static EcologyEnvironmentShape Instance { get; } = new();

    public override SampleDepartment Department => SampleDepartment.EcologyEnvironment;
    public override string CategoryColumn => C.Category;
    public override string PenaltyCategory => C.PenaltyCategory;
    public override string FactsColumn => C.Facts;
    public override string FineColumn => C.FineWan;

    public override IReadOnlyList<string> CheckedColumns { get; } =
        [C.Agency, C.AgencyUscc, C.PartyType, C.PartyCode, C.Filed, C.Decided, C.Delivered, C.Closed, C.Published, C.ReviewDate];

    public override object Key(long ordinal) => "EE-" + ordinal.ToString("D6", CultureInfo.InvariantCulture);

    public override string SourceKey(object key) => (string)key;

    public override string Watermark(DateTimeOffset time) =>
        time.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public override Dictionary<string, object?> Build(SampleCase sample, object key, DateTimeOffset watermark, bool shared, Random random)
    {
        var (open, close) = random.NextDouble() switch
        {
            < 0.5 => ("[", "]"),
            < 0.8 => ("(", ")"),
            _ when shared => ("（", "）"),
            _ => ("[", "]"),
        };
        var withoutCertificates = shared && random.NextDouble() < 0.4;
        var published = shared && random.NextDouble() < 0.3 ? sample.Published?.AddDays(random.Next(1, 4)) : sample.Published;
        var isPerson = sample.Party.Kind == CounterpartKind.NaturalPerson;
        return new Dictionary<string, object?>(40, StringComparer.Ordinal)
        {
            [C.CaseId] = key,
            [C.CaseName] = sample.CaseName,
            [C.DecisionNumber] = sample.DecisionNumber(open, close),
            [C.Agency] = sample.Agency.Name,
            [C.AgencyUscc] = sample.Agency.Uscc,
            [C.AgencyLevel] = sample.Agency.Level == "市级" ? "2" : "3",
            [C.Region] = sample.Agency.RegionCode,
            [C.Category] = sample.Category switch
            {
                ActionCategory.Penalty => C.PenaltyCategory,
                ActionCategory.Inspection => C.InspectionCategory,
                _ => C.LicensingCategory,
            },
            [C.PartyType] = sample.Party.Kind switch
            {
                CounterpartKind.NaturalPerson => C.NaturalPerson,
                CounterpartKind.LegalPerson => C.LegalPerson,
                CounterpartKind.UnincorporatedOrganization => C.Organization,
                _ => C.IndividualBusiness,
            },
            [C.PartyName] = sample.Party.Name,
            [C.PartyCode] = isPerson ? sample.Party.IdNumber : sample.Party.Uscc,
            [C.Representative] = sample.Party.Representative,
            [C.Officer1] = sample.Officers[0].Name,
            [C.Officer1Certificate] = withoutCertificates ? null : sample.Officers[0].CertificateNumber,
            [C.Officer2] = sample.Officers.Count > 1 ? sample.Officers[1].Name : null,
            [C.Officer2Certificate] = sample.Officers.Count > 1 && !withoutCertificates ? sample.Officers[1].CertificateNumber : null,
            [C.Filed] = Format(sample.Filed, "yyyyMMdd"),
            [C.Decided] = random.NextDouble() < 0.6 ? Format(sample.Decided, "yyyyMMdd") : EpochMillis(sample.Decided, random),
            [C.Delivered] = Format(sample.Delivered, "yyyy/M/d"),
            [C.Closed] = Format(sample.Closed, "yyyy/M/d"),
            [C.Published] = Format(published, random.NextDouble() < 0.5 ? "yyyy-MM-dd" : "yyyy/M/d"),
            [C.Procedure] = sample.Procedure switch
            {
                Procedure.Simple => "01",
                Procedure.Ordinary => "02",
                _ => null,
            },
            [C.ViolationType] = sample.ViolationType,
            [C.Facts] = sample.Facts.Length == 0 ? null : sample.Facts,
            [C.LegalBasis] = string.Join("；", sample.LegalBasis),
            [C.PenaltyKinds] = sample.Penalties.Count == 0 ? null : string.Join(",", sample.Penalties.Select(SamplePenaltyNames.ProvincialCode)),
            [C.DecisionContent] = sample.DecisionContent,
            [C.FineWan] = sample.Fine is { } fine
                ? shared ? Invariant(Math.Round(fine / 10_000m, 2, MidpointRounding.AwayFromZero), "0.00") : Invariant(fine / 10_000m, "0.######")
                : null,
            [C.ConfiscatedWan] = sample.Confiscated is { } confiscated ? Invariant(confiscated / 10_000m, "0.########") : null,
            [C.PropertyWan] = sample.ConfiscatedProperty is { } property ? Invariant(property / 10_000m, "0.########") : null,
            [C.Major] = sample.Major ? "1" : "0",
            [C.Reviewer] = sample.Reviewer,
            [C.ReviewDate] = Format(sample.ReviewDate, "yyyyMMdd"),
            [C.ReviewResult] = sample.ReviewPassed switch
            {
                true => "PASS",
                false => "FAIL",
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
                var column = sample.Party.Uscc is not null && random.NextDouble() < 0.5 ? C.PartyCode : C.AgencyUscc;
                values[column] = SampleMasterData.BreakUscc(random, (string)values[column]!);
                return column;
            case SampleDefect.BadIdNumber:
                values[C.PartyCode] = SampleMasterData.BreakIdNumber(random, sample.Party.IdNumber!);
                return C.PartyCode;
            case SampleDefect.UnparseableDate:
                values[C.Decided] = $"{sample.Decided.Year}/13/45";
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

        if (Text(values[C.PartyCode]) is { Length: > 0 } code)
        {
            var check = Text(values[C.PartyType]) == C.NaturalPerson ? ResidentIdNumber.Check(code) : UnifiedSocialCreditCode.Check(code);
            if (!check.IsValid)
            {
                return false;
            }
        }

        return new[] { C.Filed, C.Decided, C.Delivered, C.Closed, C.Published, C.ReviewDate }
            .Select(c => Text(values[c]))
            .All(d => string.IsNullOrEmpty(d) || TryParseDate(d, out _));
    }

    public override string? ChangedFine(object? stored) =>
        Text(stored) is { Length: > 0 } text
            ? Invariant(decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) + 0.01m, "0.######")
            : null;

    /// <summary>Any of the department's date notations; epoch milliseconds become the date in China.</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (text.Length == 13 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(ChinaTime.Offset).DateTime);
            return true;
        }

        return false;
    }

    private static string? Format(DateOnly? date, string format) =>
        date is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : null;

    /// <summary>The decision date as the epoch milliseconds of a moment in office hours, China time.</summary>
    private static string EpochMillis(DateOnly date, Random random)
    {
        var local = new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 30)), ChinaTime.Offset)
            .AddMilliseconds(random.Next(0, 9 * 3_600_000));
        return local.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }
}
