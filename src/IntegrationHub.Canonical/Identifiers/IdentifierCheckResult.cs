namespace IntegrationHub.Canonical.Identifiers;

/// <summary>
/// Result of checking one identifier. <see cref="Rule"/> is a stable machine code (e.g. <c>uscc.checksum</c>);
/// the reasons are complete sentences for an operator, empty when the value is valid.
/// </summary>
public sealed record IdentifierCheckResult(IdentifierVerdict Verdict, string Rule, string ReasonZh, string ReasonEn)
{
    public static IdentifierCheckResult Ok(string rule) => new(IdentifierVerdict.Valid, rule, string.Empty, string.Empty);

    /// <summary>True for valid and flagged values: a flag is a warning, not a rejection.</summary>
    public bool IsValid => Verdict != IdentifierVerdict.Invalid;

    internal static IdentifierCheckResult Invalid(string rule, string reasonZh, string reasonEn) =>
        new(IdentifierVerdict.Invalid, rule, reasonZh, reasonEn);

    internal static IdentifierCheckResult Flagged(string rule, string reasonZh, string reasonEn) =>
        new(IdentifierVerdict.Flagged, rule, reasonZh, reasonEn);
}
