using System.Text.Json.Nodes;
using Json.Schema;

namespace IntegrationHub.Mapping.Validation;

/// <summary>The canonical JSON Schema v1 (schemas/enforcement-action.v1.schema.json), embedded in this assembly.</summary>
public static class CanonicalSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    public static JsonSchema Instance => Schema.Value;

    public static string Text { get; } = ReadText();

    // One evaluation at a time. JsonSchema.Net builds and caches its constraints inside the shared schema while it
    // evaluates, and parallel evaluation has given wrong answers in its 7.x line (json-everything issue #929, on the
    // version used here); a CI run once saw a record without an agency name pass the schema while pages were normalized
    // in parallel. Only records the typed check could not accept come here (a few in a hundred), so the lock costs little.
    private static readonly Lock Gate = new();

    public static EvaluationResults Evaluate(JsonNode? instance)
    {
        lock (Gate)
            return Instance.Evaluate(instance, Options);
    }

    private static JsonSchema Load() => JsonSchema.FromText(Text);

    private static string ReadText()
    {
        using var stream = typeof(CanonicalSchema).Assembly.GetManifestResourceStream("enforcement-action.v1.schema.json")
            ?? throw new InvalidOperationException("The canonical schema is not embedded in IntegrationHub.Mapping.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
