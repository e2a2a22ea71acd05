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

    // One schema per thread for evaluation. JsonSchema.Net builds and caches its constraints inside the schema object as
    // it evaluates, and its 7.x line has given wrong answers and exceptions when one schema is evaluated on several
    // threads (json-everything #693, #726, #929); a CI run once saw a record without an agency name pass the schema while
    // pages were normalized in parallel. A schema per thread keeps the normalizer on all cores and no schema shared.
    private static readonly ThreadLocal<JsonSchema> PerThread = new(Load);

    public static EvaluationResults Evaluate(JsonNode? instance) => PerThread.Value!.Evaluate(instance, Options);

    private static JsonSchema Load() => JsonSchema.FromText(Text);

    private static string ReadText()
    {
        using var stream = typeof(CanonicalSchema).Assembly.GetManifestResourceStream("enforcement-action.v1.schema.json")
            ?? throw new InvalidOperationException("The canonical schema is not embedded in IntegrationHub.Mapping.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
