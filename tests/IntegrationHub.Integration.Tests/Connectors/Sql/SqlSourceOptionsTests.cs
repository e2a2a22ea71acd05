using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Sql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>Validation of the sql connector's source section: the schema and the options parser; pure, no server.</summary>
public sealed class SqlSourceOptionsTests
{
    private static JsonObject Source(string provider = "sqlserver") => new()
    {
        ["provider"] = provider,
        ["connectionString"] = "Server=db;User ID=sa;Password=p",
        ["table"] = "dbo.cases",
        ["key"] = "case_id",
        ["watermark"] = "cd_time",
    };

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("mariadb")]
    [InlineData("sqlserver")]
    [InlineData("sqlite")]
    public void Validate_EveryProvider_IsAccepted(string provider)
    {
        Assert.Empty(new SqlSourceConnector().Spec.Validate(Source(provider)));
        Assert.Equal(provider, SqlSourceOptions.From(Source(provider), "c").Provider);
    }

    [Fact]
    public void Validate_StagingWithAllItsSettings_IsAcceptedAndParsed()
    {
        var source = Source();
        source["excludeColumns"] = new JsonArray("cd_operation", "cd_batch");
        source["staging"] = new JsonObject { ["operationColumn"] = "cd_operation", ["upsertValues"] = new JsonArray("1", "2"), ["deleteValues"] = new JsonArray("3") };

        Assert.Empty(new SqlSourceConnector().Spec.Validate(source));
        var options = SqlSourceOptions.From(source, "c");
        Assert.Equal(StagedOperation.Delete, options.Staging!.Classify(" 3 "));
        Assert.Equal(StagedOperation.Upsert, options.Staging.Classify(2));
        Assert.Equal(StagedOperation.Unknown, options.Staging.Classify(null));
        Assert.Equal(["cd_operation", "cd_batch"], options.ExcludeColumns);
    }

    [Fact]
    public void Validate_BothTableAndQuery_IsRefused()
    {
        var source = Source();
        source["query"] = "SELECT * FROM dbo.cases";

        Assert.NotEmpty(new SqlSourceConnector().Spec.Validate(source));
        var error = Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(source, "c"));
        Assert.Equal("source.table", error.Setting);
    }

    [Fact]
    public void Validate_NeitherTableNorQuery_IsRefused()
    {
        var source = Source();
        source.Remove("table");

        Assert.NotEmpty(new SqlSourceConnector().Spec.Validate(source));
        Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(source, "c"));
    }

    [Fact]
    public void Validate_AnUnknownProvider_IsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(Source("oracle"), "c"));

        Assert.Equal("source.provider", error.Setting);
        Assert.Contains("sqlserver", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(new SqlSourceConnector().Spec.Validate(Source("oracle")));
    }

    [Fact]
    public void Validate_CdcModeWithItsSettings_IsAcceptedAndParsed()
    {
        var source = Cdc();
        source["cdc"] = new JsonObject { ["slot"] = "hub_cases", ["publication"] = "hub_cases", ["runSeconds"] = 60, ["flushMilliseconds"] = 20, ["onSlotLost"] = "resnapshot" };

        Assert.Empty(new SqlSourceConnector().Spec.Validate(source));
        var options = SqlSourceOptions.From(source, "market-regulation");
        Assert.Equal(SqlReadMode.Cdc, options.Mode);
        Assert.Equal(60, options.Capture!.RunSeconds);
        Assert.Equal(IntegrationHub.Connectors.Sql.Capture.SlotLossPolicy.Resnapshot, options.Capture.OnSlotLost);
    }

    [Fact]
    public void Validate_CdcModeWithoutNames_NamesSlotAndPublicationAfterTheConnector() =>
        Assert.Equal("hub_market_regulation", SqlSourceOptions.From(Cdc(), "market-regulation").Capture!.Slot);

    [Theory]
    [InlineData("provider", "mysql", "source.provider")]
    [InlineData("watermark", "cd_time", "source.watermark")]
    [InlineData("key", "case_id", "source.key")]
    [InlineData("query", "SELECT * FROM cases", "source.query")]
    public void Validate_CdcModeWithWhatItCannotUse_IsRefusedNamingTheSetting(string setting, string value, string named)
    {
        var source = Cdc();
        source[setting] = value;

        Assert.NotEmpty(new SqlSourceConnector().Spec.Validate(source));
        Assert.Equal(named, Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(source, "c")).Setting);
    }

    [Theory]
    [InlineData("slot", "Hub-Cases", "source.cdc.slot")]
    [InlineData("onSlotLost", "ignore", "source.cdc.onSlotLost")]
    public void Validate_CdcSettingOutsideItsRule_IsRefusedNamingIt(string setting, string value, string named)
    {
        var source = Cdc();
        source["cdc"] = new JsonObject { [setting] = value };

        Assert.NotEmpty(new SqlSourceConnector().Spec.Validate(source));
        var error = Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(source, "c"));
        Assert.Equal(named, error.Setting);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CdcSectionInPollMode_IsRefused()
    {
        var source = Source("postgres");
        source["cdc"] = new JsonObject();

        Assert.NotEmpty(new SqlSourceConnector().Spec.Validate(source));
        Assert.Equal("source.cdc", Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(source, "c")).Setting);
    }

    private static JsonObject Cdc() => new()
    {
        ["provider"] = "postgres",
        ["connectionString"] = "Host=db;Username=hub;Password=p",
        ["mode"] = "cdc",
        ["table"] = "exchange.cases",
    };

    [Fact]
    public void Spec_TheConnectionString_IsASecret() =>
        Assert.True(new SqlSourceConnector().Spec.IsSecret("connectionString"));

    [Theory]
    [InlineData("DELETE FROM cases")]
    [InlineData("SELECT * FROM cases; DROP TABLE cases")]
    [InlineData("SELECT * INTO copy FROM cases")]
    [InlineData("WITH gone AS (DELETE FROM cases RETURNING *) SELECT * FROM gone")]
    [InlineData("SELECT * FROM cases FOR UPDATE")]
    [InlineData("EXEC sp_cases")]
    [InlineData("")]
    public void Query_ThatIsNotASingleRead_IsRefused(string query)
    {
        var source = Source();
        source.Remove("table");
        source["query"] = query;

        var error = Assert.Throws<ConnectorConfigurationException>(() => SqlSourceOptions.From(source, "c"));
        Assert.StartsWith("source.", error.Setting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT c.* FROM cases c WHERE c.note <> 'please delete; drop' -- update later")]
    [InlineData("WITH recent AS (SELECT * FROM cases) SELECT * FROM recent;")]
    [InlineData("select \"update\", [delete] from cases /* insert */")]
    [InlineData("SELECT REPLACE(name, ' ', '') AS name, updated_at, id FROM cases")]
    public void Query_ASingleRead_IsAccepted(string query) => Assert.Null(ReadOnlyQuery.Problem(query));
}
