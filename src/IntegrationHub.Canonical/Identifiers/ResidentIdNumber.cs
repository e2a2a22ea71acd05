using System.Globalization;

namespace IntegrationHub.Canonical.Identifiers;

/// <summary>
/// 公民身份号码, GB 11643-1999: 6-digit address + birth date YYYYMMDD + 3-digit sequence + check (ISO 7064 MOD 11-2).
/// Reasons never contain the full number: it is personal data and reasons end up in logs and reports.
/// </summary>
public static class ResidentIdNumber
{
    private const string Kind = "id-number";
    private const string Standard = "GB 11643-1999";
    private const string CheckCharacters = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // No clock: the bound only has to catch typos. It starts in 1800 because the GB 11643 text's own example
    // (440524188001010014) has an 1880 birth date.
    private static readonly DateOnly EarliestBirthDate = new(1800, 1, 1);
    private static readonly DateOnly LatestBirthDate = new(2099, 12, 31);

    public static IdentifierCheckResult Check(string value)
    {
        var number = IdentifierInput.Normalize(value);
        var masked = Mask(number);
        if (number.Length is not (18 or 15))
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.length",
                $"公民身份号码“{masked}”长度为{number.Length}位，应为18位（1999年以前的旧号码为15位）（{Standard}）。",
                $"Resident ID number \"{masked}\": has {number.Length} characters but must have 18 (15 for old pre-1999 numbers) ({Standard}).");
        }

        var digitCount = number.Length == 18 ? 17 : 15;
        for (var i = 0; i < number.Length; i++)
        {
            var allowed = char.IsAsciiDigit(number[i]) || (i >= digitCount && number[i] == 'X');
            if (!allowed)
            {
                return IdentifierCheckResult.Invalid(
                    $"{Kind}.charset",
                    $"公民身份号码“{masked}”第{i + 1}位字符不合法，只允许数字，18位号码的最后一位可为“X”（{Standard}）。",
                    $"Resident ID number \"{masked}\": the character at position {i + 1} is not allowed; only digits may appear, and \"X\" as the last character of an 18-digit number ({Standard}).");
            }
        }

        var birthDigits = number.Length == 18 ? number.Substring(6, 8) : "19" + number.Substring(6, 6);
        if (!IsPlausibleBirthDate(birthDigits))
        {
            var positions = number.Length == 18 ? "7–14" : "7–12";
            return IdentifierCheckResult.Invalid(
                $"{Kind}.birth-date",
                $"公民身份号码“{masked}”第{positions}位不是{EarliestBirthDate:yyyy-MM-dd}至{LatestBirthDate:yyyy-MM-dd}之间的有效出生日期（{Standard}）。",
                $"Resident ID number \"{masked}\": positions {positions} are not a real birth date between {EarliestBirthDate:yyyy-MM-dd} and {LatestBirthDate:yyyy-MM-dd} ({Standard}).");
        }

        if (number.Length == 15)
        {
            var upgraded = Mask(UpgradeFifteenDigit(number)!);
            return IdentifierCheckResult.Flagged(
                $"{Kind}.fifteen-digit",
                $"公民身份号码“{masked}”为旧版15位号码，没有校验码，无法校验，已接受；对应的18位号码为“{upgraded}”（GB 11643-1989）。",
                $"Resident ID number \"{masked}\": is an old 15-digit number without a check character and cannot be verified; accepted, its 18-digit form is \"{upgraded}\" (GB 11643-1989).");
        }

        var expected = ComputeCheckCharacter(number[..17]);
        var actual = number[17];
        if (actual != expected)
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.checksum",
                $"公民身份号码“{masked}”校验码应为“{expected}”，实际为“{actual}”（{Standard}）。",
                $"Resident ID number \"{masked}\": check character is \"{actual}\" but should be \"{expected}\" ({Standard}).");
        }

        return IdentifierCheckResult.Ok(Kind);
    }

    /// <summary>"10X98765432"[Σ Ci·Wi mod 11] with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2.</summary>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17 || !IdentifierInput.IsAsciiDigits(first17))
        {
            throw new ArgumentException("The body of a resident ID number is 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Converts an old 15-digit number (GB 11643-1989, birth year without century) to 18 digits by inserting "19"
    /// before the birth year and appending the check character. Returns null unless the input is 15 digits.
    /// </summary>
    public static string? UpgradeFifteenDigit(string fifteen)
    {
        ArgumentNullException.ThrowIfNull(fifteen);
        var number = fifteen.Trim();
        if (number.Length != 15 || !IdentifierInput.IsAsciiDigits(number))
        {
            return null;
        }

        var first17 = string.Concat(number.AsSpan(0, 6), "19", number.AsSpan(6));
        return first17 + ComputeCheckCharacter(first17);
    }

    /// <summary>First 6 (address) + "********" + last 4; short values are hidden entirely.</summary>
    private static string Mask(string number) =>
        number.Length > 10 ? string.Concat(number.AsSpan(0, 6), "********", number.AsSpan(number.Length - 4)) : "********";

    private static bool IsPlausibleBirthDate(string yyyymmdd) =>
        DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date >= EarliestBirthDate
        && date <= LatestBirthDate;
}
