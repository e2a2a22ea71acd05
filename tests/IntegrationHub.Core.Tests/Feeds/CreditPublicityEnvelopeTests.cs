using System.Text.Json.Nodes;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Core.Tests.Feeds;

public sealed class CreditPublicityEnvelopeTests
{
    private static readonly PersonalDataView Masked = PersonalDataView.Masked(new byte[32]);

    private static FeedAccess CreditAccess(PersonalDataView view) =>
        new(FeedScope.Everything, view, "credit-system", SubscriptionKinds.CreditPublicity);

    private static ChangeEvent Change(string example, string type = "created", Action<JsonObject>? edit = null)
    {
        var record = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("schemas", "examples", "valid", example + ".json")))!.AsObject();
        edit?.Invoke(record);
        return new ChangeEvent
        {
            Sequence = 7,
            EventId = "evt-0007",
            RecordId = "rec-0007",
            Version = 1,
            Type = type,
            OccurredAt = new DateTimeOffset(2024, 7, 10, 9, 0, 0, TimeSpan.Zero),
            Category = (string?)record["category"],
            Content = record.ToJsonString(),
        };
    }

    [Fact]
    public void APenaltyOnANaturalPerson_BecomesItsCfRow_WithTheIdNumberMaskedAndTokenized()
    {
        var ce = SubscriberEnvelope.ToJsonObject(Change("penalty-natural-person-simple-procedure"), CreditAccess(Masked))!;

        Assert.Equal(CreditPublicityEnvelope.PenaltyType, (string?)ce["type"]);
        Assert.Equal(CreditPublicityEnvelope.Source, (string?)ce["source"]);
        Assert.Equal(CreditPublicityEnvelope.DataSchema, (string?)ce["dataschema"]);
        Assert.Equal("evt-0007", (string?)ce["id"]);
        var row = Assert.Single(ce["data"]!["rows"]!.AsArray())!;
        Assert.Equal("行政处罚-自然人", (string?)row["template"]);
        Assert.Equal("京朝卫控烟当罚〔2024〕0387号", (string?)row["fields"]!["CF_WSH"]);
        Assert.Equal("110105********002X", (string?)row["fields"]!["CF_XDR_ZJHM"]);
        Assert.Equal(Masked.Token("11010519491231002X"), (string?)row["idNumberTokens"]!["CF_XDR_ZJHM"]);
        Assert.DoesNotContain("11010519491231002X", ce.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithPiiRead_TheIdNumberIsShownAndNoTokenIsAdded()
    {
        var ce = SubscriberEnvelope.ToJsonObject(Change("penalty-natural-person-simple-procedure"), CreditAccess(PersonalDataView.Unmasked))!;

        var row = Assert.Single(ce["data"]!["rows"]!.AsArray())!;
        Assert.Equal("11010519491231002X", (string?)row["fields"]!["CF_XDR_ZJHM"]);
        Assert.Null(row["idNumberTokens"]);
    }

    [Fact]
    public void ALicence_BecomesAnXkRow()
    {
        var ce = SubscriberEnvelope.ToJsonObject(Change("licensing-cosmetics-production-license"), CreditAccess(Masked))!;

        Assert.Equal(CreditPublicityEnvelope.LicenseType, (string?)ce["type"]);
        var row = Assert.Single(ce["data"]!["rows"]!.AsArray())!;
        Assert.StartsWith("行政许可", (string?)row["template"], StringComparison.Ordinal);
        Assert.NotNull((string?)row["fields"]!["XK_WSH"]);
    }

    [Fact]
    public void AnInspection_IsNotPartOfCreditPublicity_AndIsSkipped()
    {
        Assert.Null(SubscriberEnvelope.ToUtf8Bytes(Change("inspection-food-safety-random-check"), CreditAccess(Masked)));
    }

    [Fact]
    public void APenaltyMissingARequiredField_FailsTheExportCheck_AndIsSkipped()
    {
        var change = Change("penalty-natural-person-simple-procedure", edit: record => record.Remove("legalBasis"));

        Assert.Null(SubscriberEnvelope.ToUtf8Bytes(change, CreditAccess(Masked)));
    }

    [Fact]
    public void AWithdrawnPenalty_BecomesAWithdrawalWithoutRows()
    {
        var ce = SubscriberEnvelope.ToJsonObject(Change("penalty-natural-person-simple-procedure", type: "withdrawn"), CreditAccess(Masked))!;

        Assert.Equal(CreditPublicityEnvelope.WithdrawnType, (string?)ce["type"]);
        Assert.Equal("penalty", (string?)ce["data"]!["dataset"]);
        Assert.Null(ce["data"]!["rows"]);
    }

    [Fact]
    public void ARecordsSubscription_GetsTheCanonicalChangeEvent()
    {
        var access = new FeedAccess(FeedScope.Everything, Masked, "supervision", SubscriptionKinds.Records);

        var ce = SubscriberEnvelope.ToJsonObject(Change("penalty-natural-person-simple-procedure"), access)!;

        Assert.Equal("cn.gov.enforcement.record.created.v1", (string?)ce["type"]);
        Assert.Equal("110105********002X", (string?)ce["data"]!["record"]!["counterparts"]![0]!["idNumber"]);
    }

    [Fact]
    public void ACreditPublicitySubscription_ReadsOnlyPenaltiesAndLicences_WithinItsScope()
    {
        var access = CreditAccess(Masked) with { Scope = new FeedScope { Regions = ["61"], Categories = ["penalty", "inspection"] } };

        var scope = SubscriberEnvelope.ReadScope(access)!;

        Assert.Equal(["61"], scope.Regions);
        Assert.Equal(["penalty"], scope.Categories);
        Assert.Null(SubscriberEnvelope.ReadScope(access with { Scope = new FeedScope { Categories = ["inspection"] } }));
    }
}
