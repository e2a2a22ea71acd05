using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Sql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>
/// Unreachable sources, no server needed: a closed loopback port fails at the connect stage for every network provider
/// (SQL Server included, of which these machines have no server), and the message never holds the password.
/// </summary>
public sealed class SqlConnectionFailureTests
{
    private const string Password = "Cl0sed-Port-Secret";

    public static TheoryData<string, string> ClosedPortSources()
    {
        var port = ClosedPort();
        return new TheoryData<string, string>
        {
            { "postgres", $"Host=127.0.0.1;Port={port};Username=hub;Password={Password};Timeout=5" },
            { "mysql", $"Server=127.0.0.1;Port={port};User ID=hub;Password={Password};Connection Timeout=5" },
            { "sqlserver", $"Server=tcp:127.0.0.1,{port};User ID=sa;Password={Password};Connect Timeout=5;Encrypt=false;ConnectRetryCount=0" },
        };
    }

    [Theory]
    [MemberData(nameof(ClosedPortSources))]
    public async Task Check_AClosedPort_FailsAtConnect_NamingTheAddressButNotThePassword(string provider, string connectionString)
    {
        var source = new JsonObject { ["provider"] = provider, ["connectionString"] = connectionString, ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at" };

        var check = await new SqlSourceConnector().CheckAsync(SqlSourceDatabase.Definition(source), SqlSourceDatabase.Context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
        Assert.Contains("127.0.0.1", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AMissingSqliteFile_FailsAtConnect()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.db");
        var source = new JsonObject { ["provider"] = "sqlite", ["connectionString"] = $"Data Source={path}", ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at" };

        var check = await new SqlSourceConnector().CheckAsync(SqlSourceDatabase.Definition(source), SqlSourceDatabase.Context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Redact_ADriverMessageThatEchoesTheConnectionString_HidesThePassword()
    {
        const string connectionString = "Server=db.example;User ID=hub;Password=Top$ecret;Database=exchange";

        var message = ConnectionStringSecrets.Redact($"Bad option in '{connectionString}' (password Top$ecret)", connectionString);

        Assert.DoesNotContain("Top$ecret", message, StringComparison.Ordinal);
        Assert.Equal("mysql db.example/exchange", ConnectionStringSecrets.Describe("mysql", connectionString));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
