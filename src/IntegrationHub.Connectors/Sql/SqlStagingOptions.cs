using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// The staging-database (前置库) exchange pattern: the department writes every change as a row with an operation column
/// (<c>cd_operation</c> = <c>i</c>/<c>u</c>/<c>d</c>) and a time or batch column that serves as the watermark. Rows with a
/// delete value become deletions (tombstones); rows with any other unknown value are quarantined, never guessed.
/// </summary>
public sealed record SqlStagingOptions
{
    public static readonly IReadOnlyList<string> DefaultUpsertValues = ["i", "u", "I", "U"];
    public static readonly IReadOnlyList<string> DefaultDeleteValues = ["d", "D"];

    public required string OperationColumn { get; init; }

    /// <summary>Operation values of inserted or updated rows (compared after trimming, case-sensitive).</summary>
    public IReadOnlyList<string> UpsertValues { get; init; } = DefaultUpsertValues;

    /// <summary>Operation values of deleted rows.</summary>
    public IReadOnlyList<string> DeleteValues { get; init; } = DefaultDeleteValues;

    public static SqlStagingOptions From(JsonObject staging, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(staging);
        var column = staging["operationColumn"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ConnectorConfigurationException(connectorId, "source.staging.operationColumn", "is required when source.staging is set.");
        var options = new SqlStagingOptions
        {
            OperationColumn = column,
            UpsertValues = SqlSourceOptions.Strings(staging["upsertValues"], "source.staging.upsertValues", connectorId) ?? DefaultUpsertValues,
            DeleteValues = SqlSourceOptions.Strings(staging["deleteValues"], "source.staging.deleteValues", connectorId) ?? DefaultDeleteValues,
        };
        if (options.UpsertValues.Intersect(options.DeleteValues, StringComparer.Ordinal).FirstOrDefault() is { } both)
            throw new ConnectorConfigurationException(connectorId, "source.staging.deleteValues", $"and upsertValues both contain '{both}'.");
        return options;
    }

    /// <summary>What a row's operation value means; <see cref="StagedOperation.Unknown"/> for null or an unlisted value.</summary>
    public StagedOperation Classify(object? value)
    {
        var text = value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
        if (text is null)
            return StagedOperation.Unknown;
        if (DeleteValues.Contains(text, StringComparer.Ordinal))
            return StagedOperation.Delete;
        return UpsertValues.Contains(text, StringComparer.Ordinal) ? StagedOperation.Upsert : StagedOperation.Unknown;
    }
}
