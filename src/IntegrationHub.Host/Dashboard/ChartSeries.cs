namespace IntegrationHub.Host.Dashboard;

/// <summary>One series of a chart: its name (for the legend), its CSS colour and one value per label.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
