using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>Answers of the simulated department API.</summary>
public static class Respond
{
    // Raw UTF-8 Chinese text, as departmental systems send it (not \uXXXX escapes).
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode body) => Results.Text(body.ToJsonString(Raw), "application/json; charset=utf-8");

    /// <summary>The page-th slice (1-based) of cases.</summary>
    public static List<JsonObject> Slice(IReadOnlyList<JsonObject> cases, long skip, long take) => [.. cases.Skip((int)skip).Take((int)take)];

    /// <summary>A typical wrapper: <c>{"code":0,"data":{"items":[…],"total":n}}</c>.</summary>
    public static IResult Wrapped(IEnumerable<JsonObject> items, int total) =>
        Json(new JsonObject { ["code"] = 0, ["data"] = new JsonObject { ["items"] = Cases.Array(items), ["total"] = total } });
}
