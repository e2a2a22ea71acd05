using System.Text.Json;
using IntegrationHub.Host.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// A request body the API cannot read — too large, not JSON, not UTF-8, nested too deep — is answered with an RFC 9457
/// problem naming the body, what was wrong where, and the rule, instead of a bare 400 or 413.
/// </summary>
internal sealed class RequestBodyProblems(RequestDelegate next, IOptions<RequestLimits> limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // A declared length over the limit is refused before anything is read (and before a 100 Continue is sent).
        if (http.Request.ContentLength > limits.Value.MaxRequestBodyBytes)
        {
            await Answer(http, StatusCodes.Status413PayloadTooLarge, "body.maxSize", TooLarge()).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(http).ConfigureAwait(false);
            // Minimal APIs answer a body over Kestrel's limit with a bare 413 of their own.
            if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted && http.Response.ContentType is null)
                await Answer(http, StatusCodes.Status413PayloadTooLarge, "body.maxSize", TooLarge()).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            var tooLarge = ex.StatusCode == StatusCodes.Status413PayloadTooLarge;
            var json = ex.InnerException as JsonException ?? ex.InnerException?.InnerException as JsonException;
            var (rule, message) = tooLarge
                ? ("body.maxSize", TooLarge())
                : json is not null
                    ? ("body.json", $"is not valid JSON within the limits (UTF-8, at most {ApiJson.Options.EffectiveMaxDepth()} levels deep): {json.Message}")
                    : ("request.readable", $"cannot be read: {ex.Message}");
            await Answer(http, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, rule, message).ConfigureAwait(false);
        }
    }

    private string TooLarge() => $"is larger than the limit of {limits.Value.MaxRequestBodyBytes:N0} bytes (Hub:Limits:MaxRequestBodyBytes).";

    private static async Task Answer(HttpContext http, int status, string rule, string message)
    {
        var whole = rule == "request.readable";
        http.Response.StatusCode = status;
        await TypedResults.Problem(
            statusCode: status,
            title: whole ? "The request cannot be read." : "The request body cannot be read.",
            detail: whole ? $"The request {message}" : $"The request body {message}",
            extensions: new Dictionary<string, object?> { ["parameter"] = whole ? "request" : "body", ["value"] = null, ["rule"] = rule })
            .ExecuteAsync(http).ConfigureAwait(false);
        // Complete the answer now: once Kestrel has rejected the body it replaces an answer that has not started with a
        // bare status of its own, and whether the JSON above was flushed yet is a matter of timing.
        await http.Response.CompleteAsync().ConfigureAwait(false);
    }
}
