using IntegrationHub.Connectors.Sql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>Identifier quoting and the page query text of every provider; pure, no server.</summary>
public sealed class SqlProviderTests
{
    private static SqlSourceOptions Table(string provider, string table = "exchange.cases") => new()
    {
        Provider = provider, ConnectionString = "x", Table = table, Key = "case_id", Watermark = "cd_time",
    };

    [Theory]
    [InlineData("postgres", "\"exchange\".\"case\"\"s\"")]
    [InlineData("sqlite", "\"exchange\".\"case\"\"s\"")]
    [InlineData("mysql", "`exchange`.`case\"s`")]
    [InlineData("mariadb", "`exchange`.`case\"s`")]
    [InlineData("sqlserver", "[exchange].[case\"s]")]
    public void QuoteName_SchemaQualifiedName_QuotesEachPartTheProvidersWay(string provider, string expected) =>
        Assert.Equal(expected, SqlProvider.For(provider).QuoteName("exchange.case\"s"));

    [Fact]
    public void Quote_AClosingQuoteInsideAnIdentifier_IsDoubled()
    {
        Assert.Equal("`a``b`", SqlProvider.For("mysql").Quote("a`b"));
        Assert.Equal("[a]]b]", SqlProvider.For("sqlserver").Quote("a]b"));
    }

    [Theory]
    [InlineData("postgres", "SELECT * FROM \"exchange\".\"cases\" WHERE \"cd_time\" >= @w AND (\"cd_time\" > @w OR \"case_id\" > @k) ORDER BY \"cd_time\", \"case_id\" LIMIT @limit")]
    [InlineData("mysql", "SELECT * FROM `exchange`.`cases` WHERE `cd_time` >= @w AND (`cd_time` > @w OR `case_id` > @k) ORDER BY `cd_time`, `case_id` LIMIT @limit")]
    [InlineData("sqlserver", "SELECT TOP (@limit) * FROM [exchange].[cases] WHERE [cd_time] >= @w AND ([cd_time] > @w OR [case_id] > @k) ORDER BY [cd_time], [case_id]")]
    public void PageQuery_AfterACheckpoint_IsAKeysetQueryWithTheProvidersPaging(string provider, string expected) =>
        Assert.Equal(expected, SqlProvider.For(provider).PageQuery(Table(provider), afterCheckpoint: true));

    [Fact]
    public void PageQuery_FirstPageOnSqlServer_HasNoFilter() =>
        Assert.Equal("SELECT TOP (@limit) * FROM [cases] ORDER BY [cd_time], [case_id]", SqlProvider.For("sqlserver").PageQuery(Table("sqlserver", "cases"), afterCheckpoint: false));

    [Theory]
    [InlineData("postgres", "SELECT * FROM (SELECT a.* FROM a\n) AS src ORDER BY \"cd_time\", \"case_id\" LIMIT @limit")]
    [InlineData("sqlserver", "SELECT TOP (@limit) * FROM (SELECT a.* FROM a\n) AS src ORDER BY [cd_time], [case_id]")]
    public void PageQuery_AQuerySource_IsWrappedAsADerivedTable(string provider, string expected)
    {
        var options = Table(provider) with { Table = null, Query = "  SELECT a.* FROM a ; " };

        Assert.Equal(expected, SqlProvider.For(provider).PageQuery(options, afterCheckpoint: false));
    }

    [Fact]
    public void Bind_ADateTimeOnSqlServer_BindsAsDatetime2SoNoPrecisionIsLost()
    {
        using var command = new Microsoft.Data.SqlClient.SqlCommand();
        var parameter = command.CreateParameter();

        SqlProvider.For("sqlserver").Bind(parameter, new DateTime(2024, 1, 1, 10, 0, 0, 123, 456));

        Assert.Equal(System.Data.DbType.DateTime2, parameter.DbType);
    }
}
