using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.CreditPublicity;

/// <summary>
/// The check a 双公示 row must pass before export: required fields, the conditional fields of its party kind and
/// penalty types, the standard code lists, and the check characters of 统一社会信用代码 and 身份证号码.
/// </summary>
public static class CreditRecordCheck
{
    public static IReadOnlyList<CreditProblem> Check(CreditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<CreditProblem>();
        var prefix = record.Template.Kind == CreditRecordKind.Penalty ? "CF" : "XK";
        foreach (var field in record.Template.Fields.Where(f => f.Requirement == FieldRequirement.Required))
            RequireValue(record, field.Code, "", problems);

        var kind = record[$"{prefix}_XDR_LB"];
        if (kind is not null && !CreditCodeLists.PartyKinds.Contains(kind))
            problems.Add(new($"{prefix}_XDR_LB", "code-list", $"行政相对人类别“{kind}”不在代码表中。"));
        if (record.Template.NaturalPerson)
        {
            RequireValue(record, $"{prefix}_XDR_ZJLX", "（自然人）", problems);
            RequireValue(record, $"{prefix}_XDR_ZJHM", "（自然人）", problems);
            CheckIdNumber(record, prefix, problems);
        }
        else
        {
            RequireValue(record, $"{prefix}_XDR_SHXYM", "（法人、非法人组织及个体工商户）", problems);
            if (kind == CreditCodeLists.Organization)
                RequireValue(record, $"{prefix}_FRDB", "（法人及非法人组织）", problems);
            CheckUscc(record, $"{prefix}_XDR_SHXYM", problems);
        }

        if (record.Template.Kind == CreditRecordKind.Penalty)
            CheckPenalty(record, problems);
        else if (record["XK_XKLB"] is { } type && !CreditCodeLists.LicenseTypes.Values.Contains(type))
            problems.Add(new("XK_XKLB", "code-list", $"许可类别“{type}”不在代码表中。"));

        foreach (var code in prefix == "CF" ? new[] { "CF_CFJGDM", "CF_SJLYDM" } : ["XK_XKJGDM", "XK_LYDWDM"])
            CheckUscc(record, code, problems);
        return problems;
    }

    private static void CheckPenalty(CreditRecord record, List<CreditProblem> problems)
    {
        var types = (record["CF_CFLB"] ?? "").Split(CreditCodeLists.Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var type in types.Where(t => !CreditCodeLists.PenaltyTypes.Values.Contains(t)))
            problems.Add(new("CF_CFLB", "code-list", $"处罚类别“{type}”不在代码表中。"));
        if (types.Contains("罚款"))
            RequireValue(record, "CF_NR_FK", "（处罚类别含罚款）", problems);
        if (types.Contains("没收违法所得"))
            RequireValue(record, "CF_NR_WFFF", "（处罚类别含没收违法所得）", problems);
        if (types.Contains("暂扣许可证件") || types.Contains("吊销许可证件"))
            RequireValue(record, "CF_NR_ZKDX", "（处罚类别含暂扣或吊销许可证件）", problems);
    }

    private static void CheckIdNumber(CreditRecord record, string prefix, List<CreditProblem> problems)
    {
        var type = record[$"{prefix}_XDR_ZJLX"];
        if (type is not null && !CreditCodeLists.IdTypes.Contains(type) && !type.StartsWith(CreditCodeLists.OtherIdTypePrefix, StringComparison.Ordinal))
            problems.Add(new($"{prefix}_XDR_ZJLX", "code-list", $"证件类型“{type}”不在代码表中。"));
        if (type == "身份证" && record[$"{prefix}_XDR_ZJHM"] is { } number && ResidentIdNumber.Check(number) is { IsValid: false } result)
            problems.Add(new($"{prefix}_XDR_ZJHM", result.Rule, $"证件号码“{number}”无效：{result.ReasonZh}"));
    }

    private static void CheckUscc(CreditRecord record, string code, List<CreditProblem> problems)
    {
        if (record[code] is { } value && UnifiedSocialCreditCode.Check(value) is { IsValid: false } result)
            problems.Add(new(code, result.Rule, $"统一社会信用代码“{value}”无效：{result.ReasonZh}"));
    }

    private static void RequireValue(CreditRecord record, string code, string condition, List<CreditProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(record[code]) && !problems.Any(p => p.Field == code && p.Rule == "required"))
        {
            var name = record.Template.Fields.FirstOrDefault(f => f.Code == code)?.NameZh ?? code;
            problems.Add(new(code, "required", $"必填项 {code}（{name}）{condition}为空。"));
        }
    }
}
