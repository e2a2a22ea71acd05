using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Store.Merge;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// Decides, in memory, everything a batch writes: the same record-by-record rules as ever (classify each record against
/// its stored link, attach it to its case's golden record, merge, tombstone), played over state read once per batch, so
/// that the writes can go to the store as sets. Pure: no I/O, no clock (the commit time is given).
/// </summary>
internal sealed class BatchPlanner(BatchToCommit batch, BatchSources sources, long readPosition, long now, string? traceParent)
{
    private readonly long _readAt = batch.ReadAt.ToUnixTimeMilliseconds();
    private readonly Dictionary<string, StoredLink> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoldenState> _goldenByIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoldenState> _goldenById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MergeCandidate>> _sourcesByRecord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceRow> _sourceRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceDeletionRow> _deletionRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ConflictRow>> _conflicts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MergeCandidate> _lastRemoved = new(StringComparer.Ordinal);
    private readonly List<VersionRow> _versions = [];
    private readonly List<ChangeRow> _changes = [];
    private readonly List<InputHashRow> _inputHashes = [];
    private List<AcceptedSourceRecord> _changed = [];
    private long _inserted;
    private long _updated;
    private long _unchanged;

    /// <summary>Every key the batch names: their stored links are read before planning.</summary>
    public IReadOnlyList<string> LinkKeys { get; } =
        [.. batch.Accepted.Select(a => a.SourceKey).Concat(batch.Unchanged.Select(u => u.SourceKey)).Concat(batch.Deleted.Select(d => d.SourceKey))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The keys whose open quarantine entries the batch resolves: accepted now (normalized, or unchanged by claim), or
    /// deleted by the source (a deletion superseded by a later read of its key is not one).
    /// </summary>
    public IReadOnlySet<string> ResolvingKeys { get; } =
        batch.Accepted.Select(a => a.SourceKey).Concat(batch.Unchanged.Select(u => u.SourceKey))
            .Concat(batch.Deleted.Where(d => !d.Superseded).Select(d => d.SourceKey))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Step 1: with the stored links, sets aside what is unchanged (same content, or an older read than the stored one)
    /// and names the golden records the rest may touch.
    /// </summary>
    public GoldenLookup Classify(IEnumerable<StoredLink> links)
    {
        foreach (var link in links)
            _links[link.SourceKey] = link;
        _changed = [];
        foreach (var claim in batch.Unchanged)
        {
            // The runner vouches that the store held this input when the page was read; the claim must still hold now.
            var known = _links.GetValueOrDefault(claim.SourceKey);
            if (known is null || ((known.InputHash != claim.InputHash || known.DeletedAt is not null) && known.ReadPosition <= readPosition))
                throw new UnchangedClaimException(batch.ConnectorId, claim.SourceKey, claim.InputHash, known?.DeletedAt is null ? known?.InputHash : null);
            _unchanged++;
        }

        // A key the batch already changes is compared with that change, not with what is stored: a later read of it equal
        // to the stored one changes it back (the last read wins within a batch as across batches).
        var changedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in batch.Accepted)
        {
            if (!changedKeys.Contains(record.SourceKey) && _links.TryGetValue(record.SourceKey, out var known)
                && ((known.ContentHash == record.ContentHash && known.DeletedAt is null) || known.ReadPosition > readPosition))
            {
                _unchanged++;
                if (record.InputHash is { } input && known.InputHash != input && known.ReadPosition <= readPosition)
                    _inputHashes.Add(new InputHashRow(record.SourceKey, input));
            }
            else
            {
                _changed.Add(record);
                changedKeys.Add(record.SourceKey);
            }
        }

        var recordIds = _changed.Select(c => _links.GetValueOrDefault(c.SourceKey)?.RecordId)
            .Concat(DeletionLinks().Select(l => l.RecordId))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new GoldenLookup([.. _changed.Select(c => c.CaseIdentity).Distinct(StringComparer.Ordinal)], recordIds);
    }

    /// <summary>Step 2: with the golden records named by step 1 and their live sources, plays the batch and returns its writes.</summary>
    public BatchPlan Plan(IEnumerable<StoredGolden> goldens, IEnumerable<StoredSource> sources)
    {
        foreach (var golden in goldens)
            Remember(GoldenState.From(golden));
        foreach (var source in sources)
            SourcesOf(source.RecordId).Add(MergeCandidate.From(source));

        var plan = new BatchPlan();
        QuarantineRejected(plan);
        foreach (var record in _changed)
            Upsert(record);
        ApplyDeletions(plan);

        plan.Sources.AddRange(_sourceRows.Values);
        // A key written by the batch carries its input hash in its row; the refresh is for links the batch leaves as they are.
        plan.InputHashes.AddRange(_inputHashes.Where(h => !_sourceRows.ContainsKey(h.SourceKey)).DistinctBy(h => h.SourceKey, StringComparer.Ordinal));
        plan.SourceDeletions.AddRange(_deletionRows.Values);
        foreach (var golden in _goldenById.Values.Where(g => g.Touched))
        {
            plan.Golden.Add(golden.ToRow());
            if (golden.Existed && golden.Merged)
                plan.ConflictsReviewed.Add(golden.Id);
        }

        // A version's content is written once: the current version's lives in its golden record, and moves into the
        // version row when a later version supersedes it (as the stored one of a record this batch changed does now).
        plan.Versions.AddRange(_versions.Select(v => _goldenById[v.RecordId].Version == v.Version ? v with { Content = null } : v));
        plan.SupersededVersions.AddRange(_goldenById.Values
            .Where(g => g.Existed && g.Version > g.StoredVersion)
            .Select(g => new SupersededVersionRow(g.Id, (int)g.StoredVersion, g.StoredContent)));
        plan.Changes.AddRange(_changes);
        foreach (var (recordId, conflicts) in _conflicts)
        {
            plan.Conflicts.AddRange(conflicts);
            plan.OpenConflicts.AddRange(conflicts.Select(c => new OpenConflict(recordId, c.FieldGroup)));
        }

        plan.Counts = new SyncCounts(batch.Pulled, _inserted, _updated, _unchanged, batch.Rejected.Count, batch.Deleted.Count);
        return plan;
    }

    private void QuarantineRejected(BatchPlan plan)
    {
        // A source repeating a broken record within one batch keeps one open entry: the last one seen.
        var byKey = new Dictionary<(string, string), QuarantineRow>();
        foreach (var rejected in batch.Rejected)
        {
            var rawHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rejected.Raw)));
            byKey.Remove((rejected.SourceKey, rawHash));
            byKey[(rejected.SourceKey, rawHash)] = new QuarantineRow(batch.ConnectorId, rejected.SourceKey, batch.RunId.ToString(), rejected.Raw, rawHash,
                JsonSerializer.Serialize(rejected.Reasons, CanonicalJson.Options),
                string.Join(' ', rejected.Reasons.Select(r => r.Rule).Distinct(StringComparer.Ordinal)), now);
        }

        plan.Quarantine.AddRange(byKey.Values);
    }

    private void Upsert(AcceptedSourceRecord accepted)
    {
        var link = _links.GetValueOrDefault(accepted.SourceKey);
        var golden = _goldenByIdentity.GetValueOrDefault(accepted.CaseIdentity);
        var recordId = golden?.Id ?? Guid.CreateVersion7().ToString();
        var source = sources.CandidateOf(accepted, recordId);
        _sourceRows[accepted.SourceKey] = new SourceRow(batch.ConnectorId, accepted.SourceKey, recordId, batch.SourcePriority, accepted.ContentHash,
            sources.ContentOf(accepted), accepted.Raw, accepted.SourceVersion, batch.MappingVersion,
            accepted.Warnings.Count == 0 ? null : JsonSerializer.Serialize(accepted.Warnings, CanonicalJson.Options), _readAt, now, null, readPosition,
            accepted.InputHash);

        if (link is not null)
            RemoveSource(link.RecordId, accepted.SourceKey);
        SourcesOf(recordId).Add(source);
        _links[accepted.SourceKey] = new StoredLink
        {
            SourceKey = accepted.SourceKey, RecordId = recordId, ContentHash = accepted.ContentHash, ReadPosition = readPosition, InputHash = accepted.InputHash,
        };

        switch (Merge(recordId, accepted.CaseIdentity))
        {
            case "created":
                _inserted++;
                break;
            case "updated":
                _updated++;
                break;
            default:
                _unchanged++;
                break;
        }

        // The source record used to describe another case (its number was corrected): that case loses this source.
        if (link is not null && link.RecordId != recordId && _goldenById.TryGetValue(link.RecordId, out var previous))
            Merge(link.RecordId, previous.IdentityKey);
    }

    /// <summary>The stored, live links the batch's deletions apply to (not superseded, not read later than this batch).</summary>
    private IEnumerable<StoredLink> DeletionLinks() =>
        batch.Deleted.Where(d => !d.Superseded).Select(d => d.SourceKey).Distinct(StringComparer.Ordinal)
            .Select(key => _links.GetValueOrDefault(key))
            .OfType<StoredLink>()
            .Where(l => l.DeletedAt is null && l.ReadPosition <= readPosition);

    /// <summary>
    /// The source's deletions: the link is marked deleted (kept, for lineage), its golden record merged again from the
    /// sources that remain, or made a tombstone when none remains.
    /// </summary>
    private void ApplyDeletions(BatchPlan plan)
    {
        var links = DeletionLinks().ToList();
        foreach (var link in links)
        {
            if (_sourceRows.TryGetValue(link.SourceKey, out var written))
                _sourceRows[link.SourceKey] = written with { DeletedAt = now, ReadAt = _readAt, ReadPosition = readPosition };
            else
                _deletionRows[link.SourceKey] = new SourceDeletionRow(link.SourceKey, now, _readAt, readPosition);
            _links[link.SourceKey] = link with { DeletedAt = now, ReadPosition = readPosition };
            RemoveSource(link.RecordId, link.SourceKey);
        }

        foreach (var recordId in links.Select(l => l.RecordId).Distinct(StringComparer.Ordinal))
        {
            if (_goldenById.TryGetValue(recordId, out var golden))
                Merge(recordId, golden.IdentityKey);
        }
    }

    /// <summary>
    /// Recomputes a golden record from its live sources; returns "created", "updated", "deleted" (its last source went)
    /// or null when its content is unchanged.
    /// </summary>
    private string? Merge(string recordId, string identity)
    {
        var sources = SourcesOf(recordId);
        var current = _goldenById.GetValueOrDefault(recordId);
        if (sources.Count == 0)
            return current is { DeletedAt: null } ? Tombstone(current) : null;

        var composed = GoldenComposer.Compose(sources);
        var changed = current is null || current.ContentHash != composed.ContentHash || current.DeletedAt is not null;
        var golden = current ?? new GoldenState { Id = recordId, IdentityKey = identity, CreatedAt = now };
        var kind = current is null ? "created" : "updated";
        golden.Version = current is null ? 1 : changed ? current.Version + 1 : current.Version;
        golden.ContentHash = composed.ContentHash;
        golden.Content = composed.Content;
        golden.FieldLineage = composed.FieldLineage;
        golden.Facts = composed.Facts;
        golden.UpdatedAt = changed ? now : golden.UpdatedAt;
        golden.DeletedAt = null;
        golden.Touched = true;
        golden.Merged = true;
        Remember(golden);

        _conflicts[recordId] = [.. composed.Conflicts.Select(c =>
        {
            var values = JsonSerializer.Serialize(c.Values, CanonicalJson.Options);
            return new ConflictRow(recordId, c.Group, JsonSerializer.Serialize(c.Paths, CanonicalJson.Options), values,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(values))), c.ChosenConnector, c.ChosenSourceKey, now, now);
        })];
        if (!changed)
            return null;
        Append(golden, kind, composed.PrimaryConnector);
        return kind;
    }

    /// <summary>
    /// The last source of a golden record was deleted: the record stays (its history is the supervision trail), marked
    /// deleted, with a "deleted" version carrying its last content and a "deleted" event on the feed.
    /// </summary>
    private string Tombstone(GoldenState golden)
    {
        // A record held by one source did not store its field lineage (it followed from that source): the tombstone
        // keeps it written out, as its source row no longer says it.
        if (golden.FieldLineage is null && _lastRemoved.TryGetValue(golden.Id, out var last))
        {
            golden.FieldLineage = JsonSerializer.Serialize(SingleSourceLineage.Of(golden.Content, last.ConnectorId, last.SourceKey, last.SourceVersion,
                last.MappingVersion, DateTimeOffset.FromUnixTimeMilliseconds(last.ReadAt)), CanonicalJson.Options);
        }

        golden.Version++;
        golden.DeletedAt = now;
        golden.UpdatedAt = now;
        golden.Touched = true;
        Append(golden, "deleted", batch.ConnectorId);
        return "deleted";
    }

    private void Append(GoldenState golden, string kind, string connectorId)
    {
        _versions.Add(new VersionRow(golden.Id, (int)golden.Version, kind, golden.ContentHash, golden.Content, connectorId, now));
        _changes.Add(new ChangeRow(Guid.CreateVersion7().ToString(), golden.Id, (int)golden.Version, kind, now,
            golden.Facts.RegionCode, golden.Facts.AgencyUscc, golden.Facts.Category, traceParent));
    }

    private void Remember(GoldenState golden)
    {
        _goldenByIdentity[golden.IdentityKey] = golden;
        _goldenById[golden.Id] = golden;
    }

    /// <summary>The batch's source leaves the record; remembered, for the field lineage of a record it leaves without sources.</summary>
    private void RemoveSource(string recordId, string sourceKey)
    {
        if (_sourcesByRecord.GetValueOrDefault(recordId) is not { } sources)
            return;
        var index = sources.FindIndex(s => s.ConnectorId == batch.ConnectorId && s.SourceKey == sourceKey);
        if (index < 0)
            return;
        _lastRemoved[recordId] = sources[index];
        sources.RemoveAt(index);
    }

    private List<MergeCandidate> SourcesOf(string recordId)
    {
        if (!_sourcesByRecord.TryGetValue(recordId, out var list))
            _sourcesByRecord[recordId] = list = [];
        return list;
    }

    /// <summary>A golden record while the batch is played: as stored, then as each merge leaves it.</summary>
    private sealed class GoldenState
    {
        public required string Id { get; init; }
        public required string IdentityKey { get; init; }
        public long Version { get; set; }
        public string ContentHash { get; set; } = "";
        public string Content { get; set; } = "";
        public string? FieldLineage { get; set; }
        public RecordFacts Facts { get; set; } = new(null, null, "", null, null);
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; set; }
        public long? DeletedAt { get; set; }

        /// <summary>Stored before the batch (its conflict entries may need resolving).</summary>
        public bool Existed => StoredVersion > 0;

        /// <summary>The version and content stored before the batch (0 and empty for a new record).</summary>
        public long StoredVersion { get; init; }

        public string StoredContent { get; init; } = "";

        /// <summary>Changed by the batch: written back.</summary>
        public bool Touched { get; set; }

        /// <summary>Composed from its sources by the batch (not only made a tombstone): its conflict log follows the merge.</summary>
        public bool Merged { get; set; }

        public static GoldenState From(StoredGolden golden) => new()
        {
            Id = golden.Id,
            IdentityKey = golden.IdentityKey,
            Version = golden.Version,
            ContentHash = golden.ContentHash,
            Content = golden.Content,
            FieldLineage = golden.FieldLineage,
            Facts = new RecordFacts(golden.AgencyUscc, golden.RegionCode, golden.Category ?? "", golden.DecidedOn, golden.DecisionNumber),
            CreatedAt = golden.CreatedAt,
            UpdatedAt = golden.UpdatedAt,
            DeletedAt = golden.DeletedAt,
            StoredVersion = golden.Version,
            StoredContent = golden.Content,
        };

        public GoldenRow ToRow() => new(Id, IdentityKey, (int)Version, ContentHash, Content, FieldLineage, Facts.AgencyUscc, Facts.RegionCode,
            Facts.Category, Facts.DecidedOn, Facts.DecisionNumber, CreatedAt, UpdatedAt, DeletedAt);
    }
}
