using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators;

/// <summary>One golden record to assess: its id in the store and its canonical content.</summary>
public sealed record IndicatorCase(string Id, EnforcementAction Action);
