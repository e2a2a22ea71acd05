using System.Collections.Frozen;

namespace IntegrationHub.Canonical.Identifiers;

/// <summary>
/// 统一社会信用代码, GB 32100-2015: 登记管理部门 + 机构类别 + 6-digit region + 9-character organization code + check.
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string Kind = "uscc";
    private const string Standard = "GB 32100-2015";

    // 31 symbols: the letters I, O, S, V, Z are left out so they cannot be mistaken for 1, 0, 5, U, 2.
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Registration authority + entity type pairs in use; an unknown pair is flagged, not rejected, because the
    // list is not closed (DOMAIN.md §3).
    private static readonly FrozenSet<string> KnownPrefixes = new[]
    {
        "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49", "51", "52", "53", "59",
        "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static IdentifierCheckResult Check(string value)
    {
        var code = IdentifierInput.Normalize(value);
        if (code.Length != 18)
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.length",
                $"统一社会信用代码“{code}”长度为{code.Length}位，应为18位（{Standard}）。",
                $"USCC \"{code}\": has {code.Length} characters but must have 18 ({Standard}).");
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (!Charset.Contains(code[i], StringComparison.Ordinal))
            {
                return IdentifierCheckResult.Invalid(
                    $"{Kind}.charset",
                    $"统一社会信用代码“{code}”第{i + 1}位字符“{code[i]}”不合法，只允许数字和除 I、O、S、V、Z 以外的大写字母（{Standard}）。",
                    $"USCC \"{code}\": character \"{code[i]}\" at position {i + 1} is not allowed; only digits and capital letters other than I, O, S, V, Z may appear ({Standard}).");
            }
        }

        var expected = ComputeCheckCharacter(code[..17]);
        var actual = code[17];
        if (actual != expected)
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.checksum",
                $"统一社会信用代码“{code}”校验码应为“{expected}”，实际为“{actual}”（{Standard}）。",
                $"USCC \"{code}\": check character is \"{actual}\" but should be \"{expected}\" ({Standard}).");
        }

        var prefix = code[..2];
        if (!KnownPrefixes.Contains(prefix))
        {
            return IdentifierCheckResult.Flagged(
                $"{Kind}.prefix-unknown",
                $"统一社会信用代码“{code}”的登记管理部门和机构类别代码“{prefix}”不在已知代码表中，已接受，请核实（{Standard}）。",
                $"USCC \"{code}\": registration authority and entity type \"{prefix}\" is not a known combination; accepted, please verify ({Standard}).");
        }

        var inner = code[8..17];
        var innerExpected = OrganizationCode.ComputeCheckCharacter(inner[..8]);
        if (inner[8] != innerExpected)
        {
            return IdentifierCheckResult.Flagged(
                $"{Kind}.inner-organization-code",
                $"统一社会信用代码“{code}”第9至17位主体标识码“{inner}”的校验码应为“{innerExpected}”，实际为“{inner[8]}”，已接受，请核实（GB 11714-1997）。",
                $"USCC \"{code}\": the organization code in positions 9–17 (\"{inner}\") has check character \"{inner[8]}\" but should be \"{innerExpected}\"; accepted, please verify (GB 11714-1997).");
        }

        return IdentifierCheckResult.Ok(Kind);
    }

    /// <summary>C18 = (31 − Σ Ci·3^(i−1) mod 31) mod 31, mapped back to the 31-symbol charset.</summary>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var body = first17.ToUpperInvariant();
        if (body.Length != 17)
        {
            throw new ArgumentException($"A USCC body has 17 characters, got {body.Length}.", nameof(first17));
        }

        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++)
        {
            var v = Charset.IndexOf(body[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException($"Character '{body[i]}' at position {i + 1} is not in the USCC charset.", nameof(first17));
            }

            sum += v * weight;
            weight = weight * 3 % 31;
        }

        return Charset[(31 - (sum % 31)) % 31];
    }
}
