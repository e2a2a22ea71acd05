using System.Globalization;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.CreditPublicity;

/// <summary>
/// Maps a canonical penalty or licensing record to 双公示 rows, one per 行政相对人 (the standard's dedupe key is the
/// document number with the party). Amounts go from 元 to 万元; the data source unit is the deciding agency.
/// </summary>
public static class CreditRecordMapper
{
    public static IEnumerable<CreditRecord> Map(string id, EnforcementAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Category is not (ActionCategory.Penalty or ActionCategory.Licensing))
            yield break;
        var kind = action.Category == ActionCategory.Penalty ? CreditRecordKind.Penalty : CreditRecordKind.License;
        var parties = action.Counterparts.Count > 0 ? action.Counterparts.Select(c => (Counterpart?)c) : [null];
        foreach (var party in parties)
        {
            var naturalPerson = party?.Kind == CounterpartKind.NaturalPerson;
            var template = CreditTemplate.For(kind, naturalPerson);
            var prefix = kind == CreditRecordKind.Penalty ? "CF" : "XK";
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [$"{prefix}_XDR_MC"] = party?.Name,
                [$"{prefix}_XDR_LB"] = party is null ? null : CreditCodeLists.PartyKind(party.Kind),
            };
            if (naturalPerson)
            {
                values[$"{prefix}_XDR_ZJLX"] = party!.IdType is { } idType ? CreditCodeLists.IdType(idType) : null;
                values[$"{prefix}_XDR_ZJHM"] = party.IdNumber;
            }
            else
            {
                values[$"{prefix}_XDR_SHXYM"] = party?.Uscc;
                values[$"{prefix}_FRDB"] = party?.LegalRepresentative;
            }

            foreach (var (code, value) in kind == CreditRecordKind.Penalty ? PenaltyValues(action) : LicenseValues(action))
                values[code] = value;
            yield return new CreditRecord(id, template, values);
        }
    }

    private static IEnumerable<(string, string?)> PenaltyValues(EnforcementAction action)
    {
        var period = action.Dates.Decided is { } decided ? PublicationPeriod.ForPenalty(decided) : null;
        yield return ("CF_WSH", action.DecisionNumber);
        yield return ("CF_WFXW", action.Violation?.Type);
        yield return ("CF_SY", action.Violation?.Facts);
        yield return ("CF_YJ", Join(action.LegalBasis, "；"));
        yield return ("CF_CFLB", Join(action.Penalties.Select(p => CreditCodeLists.PenaltyTypes[p.Type]).Distinct(), CreditCodeLists.Separator.ToString()));
        yield return ("CF_NR", action.DecisionContent);
        yield return ("CF_NR_FK", TenThousandYuan(action.Penalties.Where(p => p.Type == PenaltyType.Fine)));
        yield return ("CF_NR_WFFF", TenThousandYuan(action.Penalties.Where(p =>
            p.Type is PenaltyType.ConfiscationOfIllegalGains or PenaltyType.ConfiscationOfIllegalProperty)));
        yield return ("CF_NR_ZKDX", Join(action.Penalties.Select(p => p.LicenseConcerned).OfType<string>(), "；"));
        yield return ("CF_JDRQ", Date(action.Dates.Decided));
        // 处罚有效期 and 公示截止期: the end of the maximum publication period of the regime of the decision date.
        yield return ("CF_YXQ", Date(period?.MaximumUntil));
        yield return ("CF_GSJZQ", Date(period?.MaximumUntil));
        foreach (var agency in AgencyValues(action, "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"))
            yield return agency;
    }

    private static IEnumerable<(string, string?)> LicenseValues(EnforcementAction action)
    {
        var license = action.License;
        yield return ("XK_XKWS", license?.DocumentName);
        yield return ("XK_WSH", action.DecisionNumber ?? license?.LicenseNumber);
        yield return ("XK_XKLB", license?.Type is { } type ? CreditCodeLists.LicenseTypes[type] : null);
        yield return ("XK_XKZS", license?.CertificateName);
        yield return ("XK_XKBH", license?.LicenseNumber);
        yield return ("XK_NR", action.DecisionContent);
        yield return ("XK_JDRQ", Date(action.Dates.Decided));
        yield return ("XK_YXQZ", Date(license?.ValidFrom));
        yield return ("XK_YXQZI", Date(license?.ValidTo));
        foreach (var agency in AgencyValues(action, "XK_XKJG", "XK_XKJGDM", "XK_LYDW", "XK_LYDWDM"))
            yield return agency;
    }

    private static IEnumerable<(string, string?)> AgencyValues(EnforcementAction action, string name, string code, string sourceName, string sourceCode)
    {
        yield return (name, action.Agency.Name);
        yield return (code, action.Agency.Uscc);
        yield return (sourceName, action.Agency.Name);
        yield return (sourceCode, action.Agency.Uscc);
    }

    private static string? TenThousandYuan(IEnumerable<Penalty> penalties)
    {
        var amounts = penalties.Select(p => p.AmountYuan).OfType<decimal>().ToList();
        return amounts.Count == 0 ? null : (amounts.Sum() / 10_000m).ToString("0.######", CultureInfo.InvariantCulture);
    }

    private static string? Join(IEnumerable<string> values, string separator)
    {
        var text = string.Join(separator, values.Where(v => !string.IsNullOrWhiteSpace(v)));
        return text.Length == 0 ? null : text;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
