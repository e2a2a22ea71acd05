using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Sql;
using IntegrationHub.Integration.Tests.Harness;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql.Capture;

/// <summary><c>check</c> of a connector in cdc mode: what PostgreSQL lacks, each with what to change; and a check reads without leaving a slot.</summary>
public sealed class CaptureCheckTests
{
    private readonly ConnectorContext _context = new(Path.GetTempPath());

    [Fact]
    public async Task Check_OfAReadySource_Succeeds_AndLeavesNoReplicationSlot()
    {
        await using var source = await CaptureSource.CreateAsync(10);

        var check = await new SqlSourceConnector().CheckAsync(Parse(source.Definition("cdc")), _context, CancellationToken.None);

        Assert.True(check.Succeeded, check.Message);
        Assert.Contains("Change capture is ready", check.Message, StringComparison.Ordinal);
        Assert.Null(await source.SlotActiveAsync());
    }

    [Fact]
    public async Task Check_OfATableWithoutPrimaryKey_SaysToSetReplicaIdentityFull_AndOnceSetSucceeds()
    {
        await using var source = await CaptureSource.CreateAsync(10);
        await source.ExecuteAsync($"CREATE TABLE cases_copy AS SELECT * FROM {CaptureSource.Quote(source.Table)}");
        var definition = source.Definition("cdc");
        definition["source"]!["table"] = "cases_copy";

        var check = await new SqlSourceConnector().CheckAsync(Parse(definition), _context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Equal("replication", check.Stage);
        Assert.Contains("ALTER TABLE public.cases_copy REPLICA IDENTITY FULL;", check.Message, StringComparison.Ordinal);

        await source.ExecuteAsync("ALTER TABLE cases_copy REPLICA IDENTITY FULL");
        var fixedCheck = await new SqlSourceConnector().CheckAsync(Parse(definition), _context, CancellationToken.None);
        Assert.True(fixedCheck.Succeeded, fixedCheck.Message);
    }

    [Fact]
    public async Task Check_WithARoleWithoutReplication_SaysToGrantIt()
    {
        await using var source = await CaptureSource.CreateAsync(10);
        var role = $"hub_reader_{Guid.NewGuid():N}"[..24];
        await source.ExecuteAsync($"CREATE ROLE {role} LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}; GRANT CREATE ON DATABASE \"{new NpgsqlConnectionStringBuilder(source.ConnectionString).Database}\" TO {role}");
        try
        {
            var definition = source.Definition("cdc");
            definition["source"]!["connectionString"] = new NpgsqlConnectionStringBuilder(source.ConnectionString) { Username = role }.ConnectionString;

            var check = await new SqlSourceConnector().CheckAsync(Parse(definition), _context, CancellationToken.None);

            Assert.False(check.Succeeded);
            Assert.Equal("replication", check.Stage);
            Assert.Contains($"ALTER ROLE \"{role}\" WITH REPLICATION;", check.Message, StringComparison.Ordinal);
            // It does not own the table either: the DBA creates the publication.
            Assert.Contains($"CREATE PUBLICATION \"{source.Slot}\" FOR TABLE public.\"{source.Table}\";", check.Message, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await source.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    private static ConnectorDefinition Parse(JsonObject definition) =>
        ConnectorDefinitionParser.Parse(definition.ToJsonString(), name => throw new InvalidOperationException(name), "test");
}
