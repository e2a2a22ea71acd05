namespace IntegrationHub.Canonical.Identifiers;

/// <summary>Input clean-up shared by all identifier checks: source systems pad values and type letters in lower case.</summary>
internal static class IdentifierInput
{
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant();
    }

    public static bool IsAsciiDigits(string value) => value.All(char.IsAsciiDigit);
}
