namespace IntegrationHub.Canonical.Identifiers;

/// <summary>Outcome of an identifier check.</summary>
public enum IdentifierVerdict
{
    Valid,

    /// <summary>Accepted, but an operator should look at it (unknown prefix, old format, inner code mismatch).</summary>
    Flagged,

    Invalid,
}
