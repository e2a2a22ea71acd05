using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Core.Tests.Feeds;

public sealed class ChangeEventEnvelopeTests
{
    private static ChangeEvent Change(string type = "created", string content = """{"caseName":"某某公司未按规定公示年度报告案","category":"penalty"}""") => new()
    {
        Sequence = 42,
        EventId = "evt-0001",
        RecordId = "rec-0001",
        Version = 3,
        Type = type,
        OccurredAt = new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(8)),
        Content = content,
    };

    [Fact]
    public void ToJsonObject_CarriesRequiredAndHubAttributes()
    {
        var ce = ChangeEventEnvelope.ToJsonObject(Change(), PersonalDataView.Unmasked);

        Assert.Equal("1.0", (string?)ce["specversion"]);
        Assert.Equal("evt-0001", (string?)ce["id"]);
        Assert.Equal("urn:integrationhub:records", (string?)ce["source"]);
        Assert.Equal("cn.gov.enforcement.record.created.v1", (string?)ce["type"]);
        Assert.Equal("rec-0001", (string?)ce["subject"]);
        Assert.Equal("application/json", (string?)ce["datacontenttype"]);
        Assert.Equal("https://integrationhub.example/schemas/enforcement-action.v1.schema.json", (string?)ce["dataschema"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 30, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)ce["time"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToJsonObject_SequenceIsTheSeqExtension()
    {
        var ce = ChangeEventEnvelope.ToJsonObject(Change(), PersonalDataView.Unmasked);

        Assert.Equal("42", (string?)ce["seq"]);
    }

    [Fact]
    public void ToJsonObject_DataHoldsIdVersionAndRecordAsObject()
    {
        var data = ChangeEventEnvelope.ToJsonObject(Change(), PersonalDataView.Unmasked)["data"]!.AsObject();

        Assert.Equal("rec-0001", (string?)data["id"]);
        Assert.Equal(3, (int)data["version"]!);
        Assert.Equal("某某公司未按规定公示年度报告案", (string?)data["record"]!["caseName"]);
    }

    [Fact]
    public void ToUtf8Bytes_KeepsChineseTextAndOffsetUnescaped()
    {
        var json = Encoding.UTF8.GetString(ChangeEventEnvelope.ToUtf8Bytes(Change(), PersonalDataView.Unmasked));

        Assert.Contains("某某公司未按规定公示年度报告案", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("created", "cn.gov.enforcement.record.created.v1")]
    [InlineData("updated", "cn.gov.enforcement.record.updated.v1")]
    [InlineData("withdrawn", "cn.gov.enforcement.record.withdrawn.v1")]
    [InlineData("deleted", "cn.gov.enforcement.record.deleted.v1")]
    public void EventType_FollowsChangeType(string changeType, string eventType)
    {
        Assert.Equal(eventType, ChangeEventEnvelope.EventType(changeType));
    }

    [Fact]
    public void EventType_UnknownChangeType_Throws()
    {
        Assert.Throws<ArgumentException>(() => ChangeEventEnvelope.EventType("merged"));
    }

    [Fact]
    public void ToJsonObject_EmptyContent_GivesNullRecord()
    {
        var data = ChangeEventEnvelope.ToJsonObject(Change("deleted", ""), PersonalDataView.Unmasked)["data"]!.AsObject();

        Assert.True(data.ContainsKey("record"));
        Assert.Null(data["record"]);
    }

    [Fact]
    public void ToUtf8Bytes_ParsesAsTheSameEventAsToJsonObject()
    {
        var change = Change();

        var fromBytes = JsonNode.Parse(ChangeEventEnvelope.ToUtf8Bytes(change, PersonalDataView.Unmasked));

        Assert.True(JsonNode.DeepEquals(fromBytes, ChangeEventEnvelope.ToJsonObject(change, PersonalDataView.Unmasked)));
    }
}
