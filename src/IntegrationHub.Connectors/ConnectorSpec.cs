using System.Text.Json.Nodes;
using IntegrationHub.Mapping.Validation;
using Json.Schema;

namespace IntegrationHub.Connectors;

/// <summary>
/// What a connector kind declares about its configuration: the JSON Schema of the <c>source</c> section
/// (<c>schemas/connectors/{kind}.schema.json</c>, embedded in this assembly) and the settings that are secrets
/// (properties marked <c>"writeOnly": true</c>), which the hub never returns, never logs and encrypts at rest.
/// </summary>
public sealed class ConnectorSpec
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private ConnectorSpec(string kind, JsonObject document)
    {
        Kind = kind;
        Document = document;
        Schema = JsonSchema.FromText(document.ToJsonString());
        SecretPaths = [.. FindSecrets(document, document, "").Distinct(StringComparer.Ordinal)];
    }

    public string Kind { get; }

    /// <summary>The schema as published (served by <c>GET /api/v1/connector-kinds</c>).</summary>
    public JsonObject Document { get; }

    public JsonSchema Schema { get; }

    /// <summary>Dotted paths inside <c>source</c> of the secret settings, e.g. <c>auth.password</c>.</summary>
    public IReadOnlyList<string> SecretPaths { get; }

    /// <summary>Loads <c>{kind}.schema.json</c> embedded in the assembly of <typeparamref name="T"/>.</summary>
    public static ConnectorSpec Load<T>(string kind)
    {
        var name = $"connectors.{kind}.schema.json";
        using var stream = typeof(T).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The configuration schema '{name}' of connector kind '{kind}' is not embedded.");
        var document = JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidOperationException($"The configuration schema of connector kind '{kind}' is not a JSON object.");
        return new ConnectorSpec(kind, document);
    }

    /// <summary>Every problem of a <c>source</c> section, each naming the setting (<c>source.…</c>), the value and the rule.</summary>
    public IReadOnlyList<ValidationIssue> Validate(JsonObject source)
    {
        var results = Schema.Evaluate(source, Options);
        return [.. SchemaIssues.From(results, source, _ => null).Select(issue => issue with
        {
            Field = issue.Field.Length == 0 ? "source" : $"source.{issue.Field}",
            Value = IsSecret(issue.Field) ? "********" : issue.Value,
        })];
    }

    public bool IsSecret(string path) => SecretPaths.Any(secret =>
        path.Equals(secret, StringComparison.Ordinal) || path.StartsWith(secret + ".", StringComparison.Ordinal) || path.StartsWith(secret + "[", StringComparison.Ordinal));

    /// <summary>Walks properties, alternatives (oneOf/anyOf/allOf, then/else) and local <c>$ref</c>s; duplicates are removed.</summary>
    private static IEnumerable<string> FindSecrets(JsonObject root, JsonNode? schema, string path, int depth = 0)
    {
        if (schema is not JsonObject node || depth > 32)
            yield break;
        if (node["writeOnly"] is JsonValue secret && secret.TryGetValue<bool>(out var isSecret) && isSecret && path.Length > 0)
        {
            yield return path;
            yield break;
        }

        if (node["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer) && pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            JsonNode? target = root;
            foreach (var part in pointer[2..].Split('/'))
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            foreach (var found in FindSecrets(root, target, path, depth + 1))
                yield return found;
        }

        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                foreach (var found in FindSecrets(root, property, path.Length == 0 ? name : $"{path}.{name}", depth + 1))
                    yield return found;
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (node[keyword] is not JsonArray branches)
                continue;
            foreach (var branch in branches)
            {
                foreach (var found in FindSecrets(root, branch, path, depth + 1))
                    yield return found;
            }
        }

        foreach (var keyword in new[] { "then", "else" })
        {
            foreach (var found in FindSecrets(root, node[keyword], path, depth + 1))
                yield return found;
        }
    }
}
