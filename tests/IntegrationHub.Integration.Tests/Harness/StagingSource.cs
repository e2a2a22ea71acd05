using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// A sample department as a staging database (前置库): an operation column marks each row inserted ('i') or deleted
/// ('d'), and a connector registered through the API reads it, so a test can delete cases at the source.
/// </summary>
internal static class StagingSource
{
    public const string OperationColumn = "cd_operation";

    /// <summary>Adds the operation column to the department's table and starts a hub with its staging connector <paramref name="id"/>.</summary>
    public static async Task<TestHub> StartHubAsync(HubStack stack, SampleSources sources, SampleDepartment department, string id)
    {
        await ExecuteAsync(sources, department, $"ALTER TABLE \"{department.Table}\" ADD COLUMN {OperationColumn} VARCHAR(1) DEFAULT 'i' NOT NULL");
        var hub = await TestHub.StartAsync(stack, Directory.CreateTempSubdirectory("hub-connectors-").FullName);
        var definition = sources.DefinitionFor(department, id);
        definition["source"]!["staging"] = new JsonObject { ["operationColumn"] = OperationColumn };
        definition["source"]!["excludeColumns"] = new JsonArray(OperationColumn);
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition)).StatusCode);
        return hub;
    }

    public static async Task ExecuteAsync(SampleSources sources, SampleDepartment department, string sql)
    {
        await using var connection = sources.Open(department);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
