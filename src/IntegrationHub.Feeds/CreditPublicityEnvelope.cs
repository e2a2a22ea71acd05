using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.CreditPublicity;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds;

/// <summary>
/// The events of a <c>credit-publicity</c> subscription (issue 7): instead of the canonical record, the 双公示 rows
/// (CF_* for penalties, XK_* for licences, one per 行政相对人) that pass the pre-export check — the same rows the
/// 双公示 export holds. A change whose rows all fail the check, or of another category, is skipped; its problems are
/// listed by <c>/api/v1/credit-publicity/{kind}/check</c>. A withdrawn or deleted decision becomes a withdrawal event,
/// so the credit system takes down what it published.
/// </summary>
public static class CreditPublicityEnvelope
{
    public const string Source = "urn:integrationhub:credit-publicity";
    public const string DataSchema = "https://integrationhub.example/schemas/credit-publicity-event.v1.schema.json";
    public const string PenaltyType = "cn.gov.enforcement.creditpublicity.penalty.v1";
    public const string LicenseType = "cn.gov.enforcement.creditpublicity.license.v1";
    public const string WithdrawnType = "cn.gov.enforcement.creditpublicity.withdrawn.v1";

    /// <summary>The change-log categories 双公示 covers; a subscription's scope is narrowed to them before reading.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["penalty", "licensing"];

    /// <summary>Every CloudEvents type this envelope emits.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = [PenaltyType, LicenseType, WithdrawnType];

    private static readonly Uri SourceUri = new(Source);
    private static readonly Uri DataSchemaUri = new(DataSchema);

    /// <summary>The event for a credit-publicity subscriber, or null when the change publishes nothing.</summary>
    public static CloudEvent? ToCloudEvent(ChangeEvent change, PersonalDataView view)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(view);
        var dataset = change.Category switch
        {
            "penalty" => "penalty",
            "licensing" => "license",
            _ => null,
        };
        if (dataset is null)
            return null;

        var data = new JsonObject { ["id"] = change.RecordId, ["version"] = change.Version, ["dataset"] = dataset };
        if (change.Type is "withdrawn" or "deleted")
            return ChangeEventEnvelope.Create(change, SourceUri, WithdrawnType, DataSchemaUri, data);

        var rows = CreditRecordMapper.Map(change.RecordId, CanonicalJson.Deserialize(change.Content))
            .Where(row => CreditRecordCheck.Check(row).Count == 0)
            .Select(row => ToJson(row, view))
            .ToList();
        if (rows.Count == 0)
            return null;

        data["rows"] = new JsonArray([.. rows]);
        return ChangeEventEnvelope.Create(change, SourceUri, dataset == "penalty" ? PenaltyType : LicenseType, DataSchemaUri, data);
    }

    /// <summary>
    /// One row: its template and its fields; 证件号码 fields (<c>*_ZJHM</c>) masked like the canonical
    /// <c>idNumber</c>, with the subscriber's token of each in <c>idNumberTokens</c>.
    /// </summary>
    private static JsonObject ToJson(CreditRecord row, PersonalDataView view)
    {
        var fields = new JsonObject();
        var tokens = new JsonObject();
        foreach (var field in row.Template.Fields)
        {
            var value = row[field.Code];
            if (value is not null && view.MasksIdentifiers && field.Code.EndsWith("_ZJHM", StringComparison.Ordinal))
            {
                tokens[field.Code] = view.Token(value);
                value = PersonalDataView.MaskIdentifier(value);
            }

            fields[field.Code] = value;
        }

        var json = new JsonObject { ["template"] = row.Template.Name, ["fields"] = fields };
        if (tokens.Count > 0)
            json["idNumberTokens"] = tokens;
        return json;
    }
}
