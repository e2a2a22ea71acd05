using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Mapping.Validation;
using Json.Schema;

namespace IntegrationHub.Connectors;

/// <summary>
/// What a connector kind declares about its configuration: the JSON Schema of the <c>source</c> section
/// (<c>schemas/connectors/{kind}.schema.json</c>, embedded in this assembly) and the settings that are secrets
/// (properties marked <c>"writeOnly": true</c>), which the hub never returns, never logs and encrypts at rest.
/// </summary>
public sealed partial class ConnectorSpec
{
    /// <summary>What a secret looks like in every answer and message.</summary>
    public const string Mask = "********";

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

    /// <summary>
    /// Every problem of a <c>source</c> section, each naming the setting (<c>source.…</c>), the value and the rule. Values
    /// are described from a masked copy, so a secret never appears in a message, also not inside an enclosing object.
    /// </summary>
    public IReadOnlyList<ValidationIssue> Validate(JsonObject source)
    {
        var results = SchemaGate.Evaluate(Schema, source, Options);
        return [.. SchemaIssues.From(results, Masked(source), _ => null).Select(issue => issue with
        {
            Field = issue.Field.Length == 0 ? "source" : $"source.{issue.Field}",
        })];
    }

    /// <summary>A copy whose secret values read <c>********</c>; a value that is only an <c>${ENV}</c> reference stays as written.</summary>
    public JsonObject Masked(JsonObject source) =>
        MapSecrets(source, value => EnvironmentReference().IsMatch(value) ? value : Mask);

    /// <summary>
    /// A copy of the source in which every secret text value is replaced by <paramref name="change"/>(value). A secret
    /// setting that is an object or a list (a tap's <c>secretEnvironment</c>, <c>secretConfig</c>) has every text
    /// value inside it changed.
    /// </summary>
    public JsonObject MapSecrets(JsonObject source, Func<string, string> change)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(change);
        var copy = (JsonObject)source.DeepClone();
        foreach (var path in SecretPaths)
        {
            if (At(copy, path) is { } secret)
                Put(copy, path, MapTexts(secret, change));
        }

        return copy;
    }

    /// <summary>
    /// The incoming source of an update, where a secret sent back as the mask (or left out) keeps its current value; inside
    /// a secret object, each value sent as the mask keeps the current value of the same name.
    /// </summary>
    public JsonObject KeepUnchanged(JsonObject incoming, JsonObject current)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(current);
        var merged = (JsonObject)incoming.DeepClone();
        foreach (var path in SecretPaths)
        {
            if (At(current, path) is not { } kept)
                continue;
            var sent = At(merged, path);
            Put(merged, path, sent is null ? kept.DeepClone() : KeepMasked(sent, kept));
        }

        return merged;
    }

    private static JsonNode MapTexts(JsonNode node, Func<string, string> change) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(change(text)),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : MapTexts(p.Value, change)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : MapTexts(item, change))]),
        _ => node.DeepClone(),
    };

    private static JsonNode KeepMasked(JsonNode sent, JsonNode kept) => (sent, kept) switch
    {
        (JsonValue value, _) when value.TryGetValue<string>(out var text) && text == Mask => kept.DeepClone(),
        (JsonObject obj, JsonObject keptObject) => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key,
            p.Value is null ? null : keptObject[p.Key] is { } keptValue ? KeepMasked(p.Value, keptValue) : p.Value.DeepClone()))),
        _ => sent.DeepClone(),
    };

    /// <summary>The node at a dotted path of objects, or null.</summary>
    public static JsonNode? At(JsonObject root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
            node = node is JsonObject obj ? obj[part] : null;
        return node;
    }

    /// <summary>Sets the node at a dotted path whose parent objects exist; does nothing otherwise.</summary>
    public static void Put(JsonObject root, string path, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next)
                return;
            node = next;
        }

        node[parts[^1]] = value;
    }

    /// <summary>Whether a value is only a reference to an environment variable (<c>${DB_PASSWORD}</c>): not a secret itself.</summary>
    public static bool IsEnvironmentReference(string value) => EnvironmentReference().IsMatch(value);

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")]
    private static partial Regex EnvironmentReference();

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
