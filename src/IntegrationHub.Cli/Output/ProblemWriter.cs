using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Refit;

namespace IntegrationHub.Cli.Output;

/// <summary>
/// Prints the hub's RFC 9457 problem answers for a person: the title and status, the detail, each invalid field with
/// its messages, and the parameter, value and rule the hub names. With --json the body is printed as it came.
/// </summary>
internal static class ProblemWriter
{
    public static async Task WriteAsync(TextWriter writer, ApiException exception, bool json)
    {
        var status = (int)exception.StatusCode;
        var problem = Parse(exception.Content);
        if (json && exception.Content is { Length: > 0 } raw)
        {
            await writer.WriteLineAsync(problem is null ? raw : JsonOutput.Format(problem)).ConfigureAwait(false);
            return;
        }

        if (problem is null)
        {
            var body = string.IsNullOrWhiteSpace(exception.Content) ? "" : ": " + DisplayWidth.Truncate(exception.Content.Trim(), 500);
            await writer.WriteLineAsync($"error: the hub answered {status} {exception.ReasonPhrase}{body}").ConfigureAwait(false);
            return;
        }

        await writer.WriteLineAsync($"error: {Text(problem["title"]) ?? exception.ReasonPhrase} ({status})").ConfigureAwait(false);
        if (Text(problem["detail"]) is { } detail)
            await writer.WriteLineAsync($"  {detail}").ConfigureAwait(false);

        if (problem["errors"] is JsonObject errors)
        {
            foreach (var (field, messages) in errors)
            {
                var list = messages is JsonArray array ? array.Select(Text).OfType<string>() : [Text(messages) ?? ""];
                foreach (var message in list)
                    await writer.WriteLineAsync($"  {field}: {message}").ConfigureAwait(false);
            }
        }

        if (Text(problem["parameter"]) is { } parameter)
        {
            var value = problem["value"] is { } v ? $" = {JsonOutput.Inline(v)}" : "";
            var rule = Text(problem["rule"]) is { } r ? $" (rule {r})" : "";
            await writer.WriteLineAsync($"  parameter: {parameter}{value}{rule}").ConfigureAwait(false);
        }
        else if (Text(problem["rule"]) is { } rule)
        {
            await writer.WriteLineAsync($"  rule: {rule}").ConfigureAwait(false);
        }
    }

    private static JsonObject? Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
            return null;
        try
        {
            return JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
