using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Api;
using IntegrationHub.Integration.Tests.Harness;
using Refit;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary>
/// The command-line tool's client (<see cref="IHubApi"/>) checked against the OpenAPI document a running hub serves:
/// every call names an operation the hub has, with its query parameters, and reads the very type the hub answers with.
/// A renamed route, a dropped parameter or a response type that is no longer the shared contract fails here.
/// </summary>
public sealed class CliApiContractTests
{
    [Fact]
    public async Task EveryCallOfTheTool_IsAnOperationTheHubServes_WithItsParametersAndResponseType()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, casesPerDepartment: 5);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var document = await hub.GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();

        var problems = new List<string>();
        var calls = typeof(IHubApi).GetMethods();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            var route = call.GetCustomAttribute<HttpMethodAttribute>();
            Assert.True(route is not null, $"{call.Name} has no HTTP method attribute.");
            var path = "/api/v1" + route.Path;
            var method = route.Method.Method.ToLowerInvariant();
            if (paths[path]?[method] is not JsonObject operation)
            {
                problems.Add($"{call.Name}: the hub serves no {method.ToUpperInvariant()} {path}.");
                continue;
            }

            problems.AddRange(ParameterProblems(call, operation));
            problems.AddRange(ResponseProblems(call, operation, document));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheToolReadsTheHubsOwnResponseTypes_NotCopiesOfThem()
    {
        var contracts = typeof(RunView).Assembly;
        var copies = typeof(IHubApi).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(IHubApi).Namespace && contracts.GetType($"{typeof(RunView).Namespace}.{t.Name}") is not null)
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(copies);
        foreach (var call in typeof(IHubApi).GetMethods())
        {
            if (ResponseType(call) is { } type && !IsJson(type))
                Assert.True(type.Assembly == contracts, $"{call.Name} reads {type.Name}, which is not a type of IntegrationHub.Api.Contracts.");
        }
    }

    private static IEnumerable<string> ParameterProblems(MethodInfo call, JsonObject operation)
    {
        var served = (operation["parameters"]?.AsArray() ?? [])
            .Select(p => (Name: p!["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>()))
            .ToList();
        foreach (var parameter in call.GetParameters())
        {
            if (parameter.ParameterType == typeof(CancellationToken) || parameter.GetCustomAttribute<BodyAttribute>() is not null)
                continue;
            var where = parameter.GetCustomAttribute<QueryAttribute>() is not null ? "query" : "path";
            if (!served.Contains((parameter.Name!, where)))
                yield return $"{call.Name}: the hub has no {where} parameter '{parameter.Name}'.";
        }

        foreach (var (name, where) in served.Where(p => p.In == "path"))
        {
            if (call.GetParameters().All(p => p.Name != name))
                yield return $"{call.Name}: the tool does not fill the path parameter '{name}'.";
        }
    }

    private static IEnumerable<string> ResponseProblems(MethodInfo call, JsonObject operation, JsonNode document)
    {
        if (ResponseType(call) is not { } type || IsJson(type))
            yield break;

        var responses = operation["responses"]!.AsObject();
        var success = responses.FirstOrDefault(r => r.Key.StartsWith('2'));
        var schema = success.Value?["content"]?["application/json"]?["schema"];
        if (schema is null)
        {
            yield return $"{call.Name}: the hub documents no JSON body for its success response; the tool reads {type.Name}.";
            yield break;
        }

        var element = type.IsArray ? type.GetElementType()! : type;
        if (type.IsArray)
        {
            if (schema["type"]?.GetValue<string>() != "array")
            {
                yield return $"{call.Name}: the hub answers with {schema.ToJsonString()}; the tool reads an array of {element.Name}.";
                yield break;
            }

            schema = schema["items"]!;
        }

        var reference = schema["$ref"]?.GetValue<string>();
        if (reference != $"#/components/schemas/{element.Name}")
        {
            yield return $"{call.Name}: the hub answers with {reference ?? schema.ToJsonString()}; the tool reads {element.Name}.";
            yield break;
        }

        var properties = document["components"]!["schemas"]![element.Name]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        var read = element.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);
        if (!properties.SequenceEqual(read))
            yield return $"{call.Name}: {element.Name} has [{string.Join(", ", properties)}] on the hub and [{string.Join(", ", read)}] in the tool.";
    }

    /// <summary>T of <c>Task&lt;T&gt;</c>; null for a call that reads no body.</summary>
    private static Type? ResponseType(MethodInfo call) =>
        call.ReturnType.IsGenericType ? call.ReturnType.GetGenericArguments()[0] : null;

    /// <summary>Bodies the tool only shows as they come (subscriptions, indicators): checked by their route alone.</summary>
    private static bool IsJson(Type type) => typeof(JsonNode).IsAssignableFrom(type);
}
