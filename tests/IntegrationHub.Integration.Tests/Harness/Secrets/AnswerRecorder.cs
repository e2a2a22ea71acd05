using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Harness.Secrets;

/// <summary>
/// First in a test hub's pipeline: writes every answer (status, headers, body) to the <see cref="SecretTranscript"/>,
/// whoever asked (test clients, the CLI, the browser), and registers what is secret in the exchange: the secret
/// settings of a connector definition sent to the API, and a key or webhook secret the API issues — which appears in
/// the transcript as <c>[issued secret]</c> in that one answer, the only place it may be shown.
/// </summary>
internal sealed partial class AnswerRecorder(SecretTranscript transcript) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    /// <summary>A body a person or program reads as text; an XLSX (zip) is not searched.</summary>
    public static bool IsText(string? contentType) =>
        contentType is null || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase);

    /// <summary>The transcript line of one answer; a secret issued by it is registered and left out of the line.</summary>
    public static string Describe(SecretTranscript transcript, string method, string target, int status, IEnumerable<string> headers, string? contentType, byte[] body)
    {
        var text = IsText(contentType) ? Encoding.UTF8.GetString(body) : $"[{contentType}, {body.Length} bytes, not searched]";
        if (IssuingRoute().IsMatch(target) && method is "POST" or "PUT" && status is >= 200 and < 300)
        {
            text = IssuedSecret().Replace(text, match =>
            {
                transcript.Register(match.Value, $"issued by {method} {target}");
                return "[issued secret]";
            });
        }

        return $"answer {method} {target} {status} | {string.Join("; ", headers)} | {text}";
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        await RegisterSentSecretsAsync(context);
        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = new TeeStream(original, copy);
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            transcript.Write(Describe(transcript, context.Request.Method, context.Request.Path + context.Request.QueryString, context.Response.StatusCode,
                context.Response.Headers.Select(h => $"{h.Key}: {h.Value}"), context.Response.ContentType, copy.ToArray()));
        }
    }

    private async Task RegisterSentSecretsAsync(HttpContext context)
    {
        if (context.Request.Method is not ("POST" or "PUT") || !context.Request.Path.StartsWithSegments("/api/v1/connectors"))
            return;
        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true))
            body = await reader.ReadToEndAsync();
        context.Request.Body.Position = 0;
        try
        {
            if (JsonNode.Parse(body) is JsonObject definition)
            {
                ConnectorSecretValues.Register(transcript, (definition["kind"] as JsonValue)?.ToString(), definition["source"] as JsonObject,
                    context.RequestServices, $"{context.Request.Method} {context.Request.Path} {definition["id"]}");
            }
        }
        catch (JsonException)
        {
            // Not a definition: the hub answers 400, nothing secret was sent.
        }
    }

    [GeneratedRegex(@"^/api/v1/(keys|subscriptions/[^/?]+/keys|subscriptions/[^/?]+/webhook(/secrets)?)(\?|$)")]
    private static partial Regex IssuingRoute();

    /// <summary>An API key (hub_ + 43 base64url characters) or a webhook secret (whsec_ + base64).</summary>
    [GeneratedRegex(@"hub_[A-Za-z0-9_-]{43}|whsec_[A-Za-z0-9+/]{32,}={0,2}")]
    private static partial Regex IssuedSecret();
}
