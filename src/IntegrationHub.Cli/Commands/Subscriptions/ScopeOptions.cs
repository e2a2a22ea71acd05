using System.CommandLine;
using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Commands.Subscriptions;

/// <summary>The four dimensions of a scope or filter as repeatable options.</summary>
internal sealed class ScopeOptions
{
    private readonly Option<string[]> _regions = Many("--region", "A region-code prefix, e.g. 4403 (repeat for several).");
    private readonly Option<string[]> _agencies = Many("--agency", "An enforcing agency's USCC (repeat for several).");
    private readonly Option<string[]> _categories = Many("--category", "An action category: penalty, licensing, inspection, … (repeat for several).");
    private readonly Option<string[]> _eventTypes = Many("--event-type", "created, updated, withdrawn or deleted (repeat for several).");

    public void AddTo(Command command)
    {
        command.Options.Add(_regions);
        command.Options.Add(_agencies);
        command.Options.Add(_categories);
        command.Options.Add(_eventTypes);
    }

    public JsonObject Read(ParseResult parseResult) => new()
    {
        ["regions"] = Array(parseResult.GetValue(_regions)),
        ["agencies"] = Array(parseResult.GetValue(_agencies)),
        ["categories"] = Array(parseResult.GetValue(_categories)),
        ["eventTypes"] = Array(parseResult.GetValue(_eventTypes)),
    };

    /// <summary>"regions 4403; categories penalty" — the non-empty dimensions of a scope, or "everything".</summary>
    public static string Describe(JsonNode? scope)
    {
        if (scope is not JsonObject dimensions)
            return "nothing";
        var parts = dimensions
            .Where(d => d.Value is JsonArray { Count: > 0 })
            .Select(d => $"{d.Key} {string.Join(",", d.Value!.AsArray().Select(v => v!.GetValue<string>()))}")
            .ToList();
        return parts.Count == 0 ? "everything" : string.Join("; ", parts);
    }

    private static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };

    private static JsonArray Array(string[]? values) => new([.. (values ?? []).Select(v => (JsonNode)v)]);
}
