using System.Text.Json.Nodes;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>
/// Field-level lineage of a golden record: for each field group (and the canonical paths in it) the connector, source
/// record, source version and mapping version that gave its value; <see cref="Sources"/> lists every linked source.
/// </summary>
public sealed record RecordLineage(string Id, int Version, IReadOnlyList<FieldLineage> Fields, JsonArray Sources);
