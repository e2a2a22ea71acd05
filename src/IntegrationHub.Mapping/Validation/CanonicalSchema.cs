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

    /// <summary>Evaluates through <see cref="SchemaGate"/>, one evaluation at a time in the process.</summary>
    public static EvaluationResults Evaluate(JsonNode? instance) => SchemaGate.Evaluate(Instance, instance, Options);

    private static JsonSchema Load() => JsonSchema.FromText(Text);

    private static string ReadText()
    {
        using var stream = typeof(CanonicalSchema).Assembly.GetManifestResourceStream("enforcement-action.v1.schema.json")
            ?? throw new InvalidOperationException("The canonical schema is not embedded in IntegrationHub.Mapping.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
