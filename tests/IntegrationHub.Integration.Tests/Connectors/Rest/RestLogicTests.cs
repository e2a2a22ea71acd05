using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Rest;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>
/// The pure parts of the rest connector, no server: paths, Link headers, time formats, checkpoints, query strings,
/// options and the schema. (They live here because the core test project does not reference the connectors.)
/// </summary>
public sealed class RestLogicTests
{
    [Theory]
    [InlineData("data.items", "{\"data\":{\"items\":[1]}}", "[1]")]
    [InlineData("$.data.items", "{\"data\":{\"items\":[1]}}", "[1]")]
    [InlineData("$", "[1,2]", "[1,2]")]
    [InlineData("", "[1,2]", "[1,2]")]
    [InlineData("pages.1.rows", "{\"pages\":[{\"rows\":[0]},{\"rows\":[1]}]}", "[1]")]
    [InlineData("data.missing", "{\"data\":{}}", null)]
    public void ResponsePath_Select_FollowsDottedSegments(string path, string json, string? expected) =>
        Assert.Equal(expected, ResponsePath.Parse(path).Select(JsonNode.Parse(json))?.ToJsonString());

    [Fact]
    public void ResponsePath_Parse_AnEmptySegment_IsAFormatError() =>
        Assert.Throws<FormatException>(() => ResponsePath.Parse("data..items"));

    [Fact]
    public void LinkHeader_Find_PicksRelNext_AmongSeveralLinksAndRelations()
    {
        var request = new Uri("https://api.example.gov.cn/v1/cases?page=1");
        string[] values = ["<https://api.example.gov.cn/v1/cases?page=9>; rel=\"last\", <?page=2>; title=\"next, please\"; rel=\"next prefetch\""];

        Assert.Equal(new Uri("https://api.example.gov.cn/v1/cases?page=2"), LinkHeader.Find(values, "next", request));
        Assert.Null(LinkHeader.Find(["<https://x/a>; rel=prev"], "next", request));
    }

    [Theory]
    [InlineData("iso8601", "2025-03-01T09:00:00+08:00", "2025-03-01T09:00:00+08:00")]
    [InlineData("iso8601", "2025-03-01T01:00:00Z", "2025-03-01T09:00:00+08:00")]
    [InlineData("iso8601", "2025-03-01 09:00:00", "2025-03-01T09:00:00+08:00")]
    [InlineData("yyyy-MM-dd HH:mm:ss", "2025-03-01 09:00:00", "2025-03-01 09:00:00")]
    [InlineData("yyyyMMddHHmmss", "20250301090000", "20250301090000")]
    [InlineData("epochSeconds", "1740790800", "1740790800")]
    [InlineData("epochMillis", "1740790800000", "1740790800000")]
    public void UpdateTimeFormat_ReadsAndWritesTheSameInstant(string format, string text, string written)
    {
        var time = new UpdateTimeFormat(format, TimeSpan.FromHours(8));

        var read = time.Read(JsonValue.Create(text));

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)), read);
        Assert.Equal(written, time.Write(read!.Value));
    }

    [Fact]
    public void UpdateTimeFormat_ReadsEpochNumbers_AndIgnoresWhatIsNoTime()
    {
        var millis = new UpdateTimeFormat(UpdateTimeFormat.EpochMillis, TimeSpan.Zero);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1740790800000), millis.Read(JsonValue.Create(1740790800000L)));
        Assert.Null(UpdateTimeFormat.Default.Read(JsonValue.Create("not a time")));
        Assert.Null(UpdateTimeFormat.Default.Read(null));
        Assert.False(UpdateTimeFormat.IsValid("%"));
    }

    [Fact]
    public void RestCheckpoint_SerializeThenParse_GivesItBack()
    {
        var checkpoint = new RestCheckpoint("2025-03-01 09:00:00", new RestPosition { Page = 3, Cursor = "c", Offset = 40, Url = "https://x/y?p=2" }, Cases.UpdatedAt(7));

        var parsed = RestCheckpoint.Parse(checkpoint.Serialize());

        Assert.Equal(checkpoint, parsed);
        Assert.Equal(RestCheckpoint.Empty, RestCheckpoint.Parse(null));
        Assert.Throws<FormatException>(() => RestCheckpoint.Parse("not json"));
    }

    [Fact]
    public void QueryString_With_ReplacesExistingParameters_AndEscapesValues()
    {
        var address = new Uri("https://api.example.gov.cn/cases?status=closed&page=1&page=7");

        var result = QueryString.With(address, [new("page", "2"), new("since", "2025-03-01T09:00:00+08:00"), new("区域", "杭州")]);

        Assert.Equal("?status=closed&page=2&since=2025-03-01T09%3A00%3A00%2B08%3A00&%E5%8C%BA%E5%9F%9F=%E6%9D%AD%E5%B7%9E", result.Query);
        Assert.Equal("https://api.example.gov.cn/cases?page=2&key=***", QueryString.Masked(new Uri("https://api.example.gov.cn/cases?page=2&key=abc"), "key"));
        Assert.Equal("?page=2", QueryString.Without(new Uri("https://a/cases?key=abc&page=2"), "key").Query);
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = RestSourceOptions.From(new JsonObject { ["url"] = "https://api.example.gov.cn/cases" }, "c", RestConnectorHarness.Context);

        Assert.Equal((RestPaginationStyle.None, true, 100, RestAuthType.None, null as RestIncrementalOptions), (options.Pagination.Style, options.RecordsPath.IsRoot, options.PageSize, options.Auth.Type, options.Incremental));
        Assert.Equal(new RestResilienceOptions(), options.Resilience);
        Assert.Equal((3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), 10d), (options.Resilience.MaxRetries, options.Resilience.BaseDelay, options.Resilience.AttemptTimeout, options.Resilience.TotalTimeout, options.Resilience.RequestsPerSecond));
    }

    [Fact]
    public void Options_AnUnsetEnvironmentVariable_IsAConfigurationErrorNamingTheSetting()
    {
        var source = new JsonObject { ["url"] = "https://a/cases", ["auth"] = new JsonObject { ["type"] = "bearer", ["token"] = "${HUB_TEST_REST_UNSET_TOKEN}" } };

        var error = Assert.Throws<ConnectorConfigurationException>(() => RestSourceOptions.From(source, "c", RestConnectorHarness.Context));

        Assert.Equal("source.auth.token", error.Setting);
    }

    [Fact]
    public void Options_AnAttemptTimeoutLongerThanTheTotal_IsAConfigurationError()
    {
        var source = new JsonObject { ["url"] = "https://a/cases", ["resilience"] = new JsonObject { ["attemptTimeout"] = "00:05:00", ["totalTimeout"] = "00:01:00" } };

        var error = Assert.Throws<ConnectorConfigurationException>(() => RestSourceOptions.From(source, "c", RestConnectorHarness.Context));

        Assert.Equal("source.resilience.attemptTimeout", error.Setting);
    }

    [Fact]
    public async Task Spec_MarksEveryCredentialAsASecret()
    {
        await using var harness = new RestConnectorHarness();

        Assert.Equal(["auth.apiKey", "auth.clientSecret", "auth.password", "auth.token"], harness.Connector.Spec.SecretPaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RestAuthOptions_ToString_NeverShowsASecret() =>
        Assert.DoesNotContain("hunter2", new RestAuthOptions { Type = RestAuthType.Basic, Username = "u", Password = "hunter2" }.ToString(), StringComparison.Ordinal);
}
