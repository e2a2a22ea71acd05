namespace IntegrationHub.Canonical.Identifiers;

/// <summary>Level of a GB/T 2260 administrative division code.</summary>
public enum RegionLevel
{
    /// <summary>省级: <c>xx0000</c>.</summary>
    Province,

    /// <summary>地级: <c>xxxx00</c>.</summary>
    Prefecture,

    /// <summary>县级: all six digits significant.</summary>
    County,
}
