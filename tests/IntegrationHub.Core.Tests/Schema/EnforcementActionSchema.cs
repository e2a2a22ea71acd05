using System.Text.Json.Nodes;
using IntegrationHub.Mapping.Validation;
using Json.Schema;

namespace IntegrationHub.Core.Tests.Schema;

/// <summary>schemas/enforcement-action.v1.schema.json, loaded once, both as a JSON document and as an evaluator.</summary>
internal static class EnforcementActionSchema
{
    private static readonly Lazy<string> Text = new(() => File.ReadAllText(RepositoryRoot.Combine("schemas", "enforcement-action.v1.schema.json")));

    public static JsonObject Document => JsonNode.Parse(Text.Value)!.AsObject();

    /// <summary>
    /// Evaluates with the hub's own instance of this schema (the same file, embedded): a second instance would register
    /// under the same $id in JsonSchema.Net's global registry, and instances that share it, evaluated on parallel test
    /// threads, are what the library gets wrong (see <see cref="CanonicalSchema"/>).
    /// </summary>
    public static EvaluationResults Evaluate(JsonNode? instance) => CanonicalSchema.Evaluate(instance);

    /// <summary>
    /// The failed assertions of an evaluation, one line each ("/penalties/1: required: …"). Failures inside an
    /// <c>if</c> only choose a branch and are left out.
    /// </summary>
    public static IReadOnlyList<string> Errors(EvaluationResults results) =>
        results.Details
            .Where(detail => detail.Errors is { Count: > 0 } && !IsInsideIf(detail))
            .SelectMany(detail => detail.Errors!.Select(error =>
                $"{Location(detail)}: {error.Key}: {error.Value} (schema {detail.EvaluationPath})"))
            .ToList();

    private static bool IsInsideIf(EvaluationResults detail) =>
        detail.EvaluationPath.ToString().Split('/').Contains("if", StringComparer.Ordinal);

    private static string Location(EvaluationResults detail)
    {
        var location = detail.InstanceLocation.ToString();
        return location.Length == 0 ? "/" : location;
    }
}
