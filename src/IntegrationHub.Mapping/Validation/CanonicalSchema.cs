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

    // One evaluation at a time, of one schema instance. JsonSchema.Net builds and caches its constraints inside the schema
    // as it evaluates, and its 6.x/7.x lines have given exceptions and wrong answers when one schema is evaluated on
    // several threads (json-everything #693, #726, #929; 7.4.0 is the version here): a CI run saw a record without an
    // agency name pass the schema while pages were normalized in parallel. A schema instance per thread was tried and is
    // worse: a CI run with it let an invalid example pass (instances with the same $id share the library's global
    // registry, the likely cause). Records the typed check accepts never come here, so the lock is
    // taken for the few that may be invalid; a mapping that rejects most of its records normalizes on one core until
    // it is mended.
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
