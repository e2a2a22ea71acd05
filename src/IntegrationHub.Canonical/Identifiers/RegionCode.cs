using System.Collections.Frozen;

namespace IntegrationHub.Canonical.Identifiers;

/// <summary>
/// 行政区划代码, GB/T 2260: 2-digit province + 2-digit prefecture + 2-digit county; <c>xx0000</c> is a province,
/// <c>xxxx00</c> a prefecture. Only the shape is checked: whether a code is current needs a dated table, and codes
/// inside a USCC or ID number are frozen at issue time.
/// </summary>
public static class RegionCode
{
    private const string Kind = "region-code";
    private const string Standard = "GB/T 2260";

    // Province-level codes change far less often than lower levels; these 34 cover the mainland, Taiwan, Hong Kong
    // and Macao.
    private static readonly FrozenSet<string> Provinces = new[]
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
        "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static IdentifierCheckResult Check(string value)
    {
        var code = IdentifierInput.Normalize(value);
        if (code.Length != 6 || !IdentifierInput.IsAsciiDigits(code))
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.shape",
                $"行政区划代码“{code}”应为6位数字（{Standard}）。",
                $"Region code \"{code}\": must be 6 digits ({Standard}).");
        }

        var province = code[..2];
        if (!Provinces.Contains(province))
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.shape",
                $"行政区划代码“{code}”的省级代码“{province}”不存在（{Standard}）。",
                $"Region code \"{code}\": province part \"{province}\" is not a province-level code ({Standard}).");
        }

        if (code[2..4] == "00" && code[4..6] != "00")
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.shape",
                $"行政区划代码“{code}”的县级代码“{code[4..6]}”不为00，但地级代码为00（{Standard}）。",
                $"Region code \"{code}\": county part \"{code[4..6]}\" is set but the prefecture part is \"00\" ({Standard}).");
        }

        return IdentifierCheckResult.Ok(Kind);
    }

    /// <summary>Level of a code that passes <see cref="Check"/>; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static RegionLevel LevelOf(string code)
    {
        var normalized = RequireValid(code);
        return normalized switch
        {
            _ when normalized.EndsWith("0000", StringComparison.Ordinal) => RegionLevel.Province,
            _ when normalized.EndsWith("00", StringComparison.Ordinal) => RegionLevel.Prefecture,
            _ => RegionLevel.County,
        };
    }

    /// <summary>
    /// Enclosing divisions by prefix, nearest first: <c>110105</c> → <c>110100</c>, <c>110000</c>. A county directly
    /// under a province (prefecture pair 90) gets the 90 grouping code as its prefecture.
    /// </summary>
    public static IEnumerable<string> Ancestors(string code)
    {
        var normalized = RequireValid(code);
        return LevelOf(normalized) switch
        {
            RegionLevel.County => [normalized[..4] + "00", normalized[..2] + "0000"],
            RegionLevel.Prefecture => [normalized[..2] + "0000"],
            _ => [],
        };
    }

    private static string RequireValid(string code)
    {
        var result = Check(code);
        if (!result.IsValid)
        {
            throw new ArgumentException(result.ReasonEn, nameof(code));
        }

        return IdentifierInput.Normalize(code);
    }
}
