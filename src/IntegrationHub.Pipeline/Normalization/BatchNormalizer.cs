using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Identity;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>
/// Maps and validates every record of a page, on every core; an invalid record is set aside with its reasons, the rest go
/// on. Each record is taken as the connector read it (no parse), serialized once for its raw copy, and its canonical JSON
/// once. A record whose input (normalizer revision, mapping, raw copy) the store already holds is not mapped again: it
/// goes as an unchanged claim, which the store writer checks. The same per-record step serves the preview, so what a
/// preview shows is exactly what a run would store.
/// </summary>
public sealed class BatchNormalizer(NormalizerCache normalizers)
{
    /// <summary>Pages smaller than this are normalized on one thread: splitting them costs more than it saves.</summary>
    private const int ParallelFrom = 64;

    private static readonly IReadOnlyDictionary<string, string> NoStoredInputs = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The source keys of a page: every key it names (for the run's keys in flight), and the keys a stored input may
    /// spare from normalizing — those of readable, not deleted records that are the only record of their key in the page.
    /// A key read twice in one page is normalized each time: a batch carries its claims apart from its accepted records,
    /// so the writer could not tell which of a claim and a read of the same key came last.
    /// </summary>
    public PageKeys KeysOf(SourcePage page, ConnectorDefinition connector)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(connector);
        var normalizer = normalizers.For(connector);
        var all = new List<string>(page.Records.Count);
        var seen = new Dictionary<string, bool>(page.Records.Count, StringComparer.Ordinal);
        foreach (var record in page.Records)
        {
            if (normalizer.SourceKeyOf(record.Data) is not { } key)
                continue;
            all.Add(key);
            var candidate = record.Problem is null && !record.Deleted;
            seen[key] = !seen.ContainsKey(key) && candidate;
        }

        return new PageKeys(all, [.. seen.Where(pair => pair.Value).Select(pair => pair.Key)]);
    }

    /// <param name="storedInputs">For keys named by <see cref="KeysOf"/> as candidates and not in flight: the input hash the
    /// store holds. A record whose own input hash equals it becomes an unchanged claim instead of being normalized.</param>
    public RecordsNormalized Normalize(SourcePage page, ConnectorDefinition connector, BatchHeader batch, IReadOnlyDictionary<string, string>? storedInputs = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(batch);
        var normalizer = normalizers.For(connector);
        var stored = storedInputs ?? NoStoredInputs;
        var records = page.Records;
        var outcomes = new NormalizationOutcome[records.Count];
        if (records.Count < ParallelFrom)
        {
            for (var i = 0; i < records.Count; i++)
                outcomes[i] = NormalizeOne(records[i], connector, normalizer, stored);
        }
        else
        {
            Parallel.For(0, records.Count, i => outcomes[i] = NormalizeOne(records[i], connector, normalizer, stored));
        }

        var accepted = new List<NormalizedRecord>(records.Count);
        var unchanged = new List<UnchangedRecord>();
        var rejected = new List<RejectedRecord>();
        var deleted = new List<(int Position, DeletedRecord Record)>();
        var lastAccepted = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var position = 0; position < outcomes.Length; position++)
        {
            switch (outcomes[position])
            {
                case NormalizationOutcome.Accepted a:
                    lastAccepted[a.Record.SourceKey] = position;
                    accepted.Add(a.Record);
                    break;
                case NormalizationOutcome.Unchanged u:
                    lastAccepted[u.Record.SourceKey] = position;
                    unchanged.Add(u.Record);
                    break;
                case NormalizationOutcome.Rejected r:
                    rejected.Add(r.Record);
                    break;
                case NormalizationOutcome.Deleted d:
                    deleted.Add((position, d.Record));
                    break;
            }
        }

        return new RecordsNormalized
        {
            Batch = batch,
            MappingVersion = connector.Mapping.Version,
            SourcePriority = connector.Priority,
            Accepted = accepted,
            Unchanged = unchanged,
            Rejected = rejected,
            Deleted = [.. deleted.Select(d => d.Record with
            {
                Superseded = lastAccepted.TryGetValue(d.Record.SourceKey, out var later) && later > d.Position,
            })],
        };
    }

    /// <summary>What becomes of each record, in order.</summary>
    public IEnumerable<NormalizationOutcome> NormalizeEach(IEnumerable<SourceRecord> records, ConnectorDefinition connector)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(connector);
        var normalizer = normalizers.For(connector);
        foreach (var record in records)
            yield return NormalizeOne(record, connector, normalizer, NoStoredInputs);
    }

    /// <summary>The raw copy of a source record as the store keeps it: its JSON, Chinese unescaped.</summary>
    public static string RawOf(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Data.ToJsonString(CanonicalJson.Options);
    }

    private static NormalizationOutcome NormalizeOne(SourceRecord source, ConnectorDefinition connector, RecordNormalizer normalizer,
        IReadOnlyDictionary<string, string> storedInputs)
    {
        var raw = RawOf(source);
        if (source.Problem is { } problem)
        {
            var key = normalizer.SourceKeyOf(source.Data) ?? source.Origin ?? "(unreadable)";
            return new NormalizationOutcome.Rejected(new RejectedRecord
            {
                SourceKey = key,
                Raw = raw,
                Reasons = [ValidationIssue.Error("$", source.Origin, Truncate(raw), "source.unreadable",
                    $"来源数据{(source.Origin is null ? "" : $"（{source.Origin}）")}无法读取为一条记录：{problem}",
                    $"The source{(source.Origin is null ? "" : $" ({source.Origin})")} could not be read as a record: {problem}")],
            });
        }

        if (source.Deleted)
        {
            if (normalizer.SourceKeyOf(source.Data) is { } deletedKey)
                return new NormalizationOutcome.Deleted(new DeletedRecord { SourceKey = deletedKey });

            var keyFields = string.Join("/", connector.Mapping.SourceKey);
            return new NormalizationOutcome.Rejected(new RejectedRecord
            {
                SourceKey = source.Origin ?? "(no key)",
                Raw = raw,
                Reasons = [ValidationIssue.Error("sourceKey", keyFields, null, "mapping.source-key-missing",
                    $"删除记录缺少主键字段“{keyFields}”，无法确定删除哪条记录。",
                    $"The deletion has no value in its key field '{keyFields}', so the record to delete cannot be identified.")],
            });
        }

        var inputHash = normalizer.InputHashOf(raw);
        if (storedInputs.Count > 0 && inputHash is not null && normalizer.SourceKeyOf(source.Data) is { } sourceKey
            && storedInputs.TryGetValue(sourceKey, out var storedInput) && storedInput == inputHash)
            return new NormalizationOutcome.Unchanged(new UnchangedRecord { SourceKey = sourceKey, InputHash = inputHash });

        var result = normalizer.Normalize(source.Data);
        if (result.Record is not { } record || result.Content is not { } content)
            return new NormalizationOutcome.Rejected(new RejectedRecord { SourceKey = result.SourceKey, Raw = raw, Reasons = [.. result.Errors, .. result.Warnings] });

        return new NormalizationOutcome.Accepted(new NormalizedRecord
        {
            SourceKey = result.SourceKey,
            SourceVersion = result.SourceVersion,
            Record = content,
            ContentHash = result.ContentHash!,
            CaseIdentity = CaseIdentity.Of(record, connector.Id, result.SourceKey),
            Raw = raw,
            InputHash = inputHash,
            Warnings = [.. result.Warnings],
            Facts = RecordFacts.Of(record),
        });
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
