namespace IntegrationHub.Canonical.Identifiers;

/// <summary>组织机构代码, GB 11714-1997: 8 body characters and a check character, displayed as <c>XXXXXXXX-Y</c>.</summary>
public static class OrganizationCode
{
    private const string Kind = "organization-code";
    private const string Standard = "GB 11714-1997";
    private static readonly int[] Weights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Checks a code in display form (<c>XXXXXXXX-Y</c>) or compact form (<c>XXXXXXXXY</c>).</summary>
    public static IdentifierCheckResult Check(string value)
    {
        var code = IdentifierInput.Normalize(value);
        string compact;
        if (code.Length == 9)
        {
            compact = code;
        }
        else if (code.Length == 10 && code[8] == '-')
        {
            compact = string.Concat(code.AsSpan(0, 8), code.AsSpan(9));
        }
        else
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.length",
                $"组织机构代码“{code}”长度为{code.Length}位，应为8位本体代码加1位校验码（XXXXXXXX-Y）（{Standard}）。",
                $"Organization code \"{code}\": has {code.Length} characters but must be 8 characters and a check character (XXXXXXXX-Y) ({Standard}).");
        }

        for (var i = 0; i < compact.Length; i++)
        {
            if (ValueOf(compact[i]) < 0)
            {
                return IdentifierCheckResult.Invalid(
                    $"{Kind}.charset",
                    $"组织机构代码“{code}”第{i + 1}位字符“{compact[i]}”不合法，只允许数字和大写字母（{Standard}）。",
                    $"Organization code \"{code}\": character \"{compact[i]}\" at position {i + 1} is not allowed; only digits and capital letters may appear ({Standard}).");
            }
        }

        var expected = ComputeCheckCharacter(compact[..8]);
        var actual = compact[8];
        if (actual != expected)
        {
            return IdentifierCheckResult.Invalid(
                $"{Kind}.checksum",
                $"组织机构代码“{code}”校验码应为“{expected}”，实际为“{actual}”（{Standard}）。",
                $"Organization code \"{code}\": check character is \"{actual}\" but should be \"{expected}\" ({Standard}).");
        }

        return IdentifierCheckResult.Ok(Kind);
    }

    /// <summary>
    /// C9 = 11 − (Σ Ci·Wi mod 11), written "X" for 10 and "0" for 11.
    /// Some public validators write 10 as "A"; that is wrong.
    /// </summary>
    public static char ComputeCheckCharacter(string first8)
    {
        ArgumentNullException.ThrowIfNull(first8);
        var body = first8.ToUpperInvariant();
        if (body.Length != 8)
        {
            throw new ArgumentException($"An organization code body has 8 characters, got {body.Length}.", nameof(first8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var v = ValueOf(body[i]);
            if (v < 0)
            {
                throw new ArgumentException($"Character '{body[i]}' at position {i + 1} is not a digit or capital letter.", nameof(first8));
            }

            sum += v * Weights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var c => (char)('0' + c),
        };
    }

    private static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };
}
