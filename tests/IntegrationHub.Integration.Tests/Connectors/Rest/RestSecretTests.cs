using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>
/// Secrets never leave the connector: with a known secret in every credential style, neither a check, nor a failing
/// read's exception, nor any log line at any level (HTTP client and resilience logs included) contains it.
/// </summary>
public sealed class RestSecretTests
{
    private const string Secret = "Top-Secret-Value-0042";

    public static TheoryData<string> Styles => ["apiKeyQuery", "apiKeyHeader", "bearer", "basic", "oauth2"];

    private static JsonObject Auth(string style, DepartmentApi api) => style switch
    {
        "apiKeyQuery" => new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "appKey", ["apiKey"] = Secret },
        "apiKeyHeader" => new JsonObject { ["type"] = "apiKey", ["name"] = "X-Key", ["apiKey"] = Secret },
        "bearer" => new JsonObject { ["type"] = "bearer", ["token"] = Secret },
        "basic" => new JsonObject { ["type"] = "basic", ["username"] = "hub", ["password"] = Secret },
        _ => new JsonObject { ["type"] = "oauth2ClientCredentials", ["tokenUrl"] = api.Url("/token").AbsoluteUri, ["clientId"] = "hub", ["clientSecret"] = Secret },
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task CheckAndFailingRead_WithAKnownSecret_ShowItInNoMessageAndNoLog(string style)
    {
        // The source echoes everything it received (query, headers, form) in its error answers, as careless gateways do.
        await using var api = await DepartmentApi.StartAsync(app =>
        {
            app.MapPost("/token", async (HttpRequest request) =>
                Results.Json(new { access_token = "issued", expires_in = 60 }, statusCode: (await request.ReadFormAsync()).Count > 0 ? 200 : 400));
            app.MapGet("/cases", (HttpRequest request) => Results.Text(
                $"failed: {request.QueryString} {string.Join(';', request.Headers.Select(h => $"{h.Key}={h.Value}"))}", statusCode: 500));
        });
        await using var harness = new RestConnectorHarness();
        var source = new JsonObject
        {
            ["url"] = api.Url("/cases?status=open").AbsoluteUri,
            ["auth"] = Auth(style, api),
            ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 1),
        };

        var check = await harness.CheckAsync(source);
        var failure = await Assert.ThrowsAsync<SourceAccessException>(() => harness.ReadAllAsync(source));

        Assert.False(check.Succeeded);
        Assert.Contains("failed:", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, check.Message, StringComparison.Ordinal);
        for (Exception? e = failure; e is not null; e = e.InnerException)
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.DoesNotContain(Secret, harness.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Secret), harness.Logs.All, StringComparison.Ordinal);
    }
}
