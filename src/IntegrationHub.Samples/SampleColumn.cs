namespace IntegrationHub.Samples;

/// <summary>One column of a sample department's source table.</summary>
public sealed record SampleColumn(string Name, SampleColumnType Type);
