namespace IntegrationHub.Canonical.Identifiers;

/// <summary>工商注册号: the 15-digit registration number used before the USCC (2015), check digit by ISO 7064 MOD 11,10.</summary>
public static class BusinessRegistrationNumber
{
    private const string Kind = "business-registration";
    private const string Standard = "ISO 7064 MOD 11,10";

    public static IdentifierCheckResult Check(string value)
    {
        var number = IdentifierInput.Normalize(value);
        if (number.Length != 15)
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.length",
                $"工商注册号“{number}”长度为{number.Length}位，应为15位（{Standard}）。",
                $"Business registration number \"{number}\": has {number.Length} characters but must have 15 ({Standard}).");
        }

        if (!IdentifierInput.IsAsciiDigits(number))
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.charset",
                $"工商注册号“{number}”只能包含数字（{Standard}）。",
                $"Business registration number \"{number}\": may contain digits only ({Standard}).");
        }

        var expected = ComputeCheckDigit(number.AsSpan(0, 14));
        var actual = number[14];
        if (actual != expected)
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.checksum",
                $"工商注册号“{number}”校验位应为“{expected}”，实际为“{actual}”（{Standard}）。",
                $"Business registration number \"{number}\": check digit is \"{actual}\" but should be \"{expected}\" ({Standard}).");
        }

        return IdentifierCheckResult.Ok(Kind);
    }

    // p starts at 10; per digit s = (p + d) mod 10 with 0 read as 10, then p = 2s mod 11; check = (11 − p) mod 10.
    private static char ComputeCheckDigit(ReadOnlySpan<char> first14)
    {
        var p = 10;
        foreach (var c in first14)
        {
            var s = (p + (c - '0')) % 10;
            if (s == 0)
            {
                s = 10;
            }

            p = 2 * s % 11;
        }

        return (char)('0' + ((11 - p) % 10));
    }
}
