namespace IntegrationHub.Indicators;

/// <summary>The unit of a figure: one enforcing agency, or a region (province, prefecture or county) rolling up its agencies.</summary>
public enum UnitKind
{
    Agency,
    Province,
    Prefecture,
    County,
}
