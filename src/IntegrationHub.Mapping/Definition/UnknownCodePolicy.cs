namespace IntegrationHub.Mapping.Definition;

public enum UnknownCodeAction
{
    Reject,
    Keep,
    Null,
    Default,
}

/// <summary>What a code map does with a code it does not list.</summary>
public sealed record UnknownCodePolicy(UnknownCodeAction Action, string? DefaultValue = null)
{
    public static UnknownCodePolicy Reject { get; } = new(UnknownCodeAction.Reject);
}
