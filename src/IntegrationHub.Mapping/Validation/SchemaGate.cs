using System.Text.Json.Nodes;
using Json.Schema;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// Every JSON Schema evaluation of the hub, one at a time in the process. JsonSchema.Net builds and caches constraints
/// inside a schema as it evaluates and registers schemas under their $id in one global registry; its 6.x/7.x lines have
/// given exceptions and wrong answers under parallel evaluation (json-everything #693, #726, #929, #999; 7.4.0 is the
/// version here): a CI run saw a record without an agency name pass the canonical schema while pages were normalized in
/// parallel, and one schema instance per thread let an invalid example pass. Since the registry is shared, a lock per
/// schema is not enough: the canonical schema and a connector kind's schema evaluated at once would still meet there.
/// The canonical schema is only evaluated for records its typed check could not accept, so this gate is taken by few.
/// </summary>
public static class SchemaGate
{
    private static readonly Lock Gate = new();

    public static EvaluationResults Evaluate(JsonSchema schema, JsonNode? instance, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (Gate)
            return schema.Evaluate(instance, options);
    }
}
