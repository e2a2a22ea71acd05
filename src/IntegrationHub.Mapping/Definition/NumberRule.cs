namespace IntegrationHub.Mapping.Definition;

public sealed record NumberRule(NumberUnit Unit);
