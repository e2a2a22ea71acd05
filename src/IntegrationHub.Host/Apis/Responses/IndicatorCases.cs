using IntegrationHub.Indicators;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>The cases behind an indicator figure that fail it, with the reason of each.</summary>
public sealed record IndicatorCases(string Indicator, string Period, DateOnly AsOf, int Count, IReadOnlyList<CaseFailure> Data);
