namespace IntegrationHub.Store.Batches;

// The rows one batch writes, table by table: the plan's output and the appliers' input.

/// <summary>A source link as it stands after the batch (an upsert of source_records).</summary>
internal sealed record SourceRow(
    string ConnectorId, string SourceKey, string RecordId, int Priority, string ContentHash, string Content, string Raw,
    string? SourceVersion, int MappingVersion, string? Warnings, long ReadAt, long ReceivedAt, long? DeletedAt, long ReadPosition, string? InputHash);

/// <summary>A source link whose content stays, read again from another input that gives the same content: its input hash moves on.</summary>
internal sealed record InputHashRow(string SourceKey, string InputHash);

/// <summary>A source link the batch deletes without writing it (the source reported the deletion only).</summary>
internal sealed record SourceDeletionRow(string SourceKey, long DeletedAt, long ReadAt, long ReadPosition);

/// <summary>A golden record as it stands after the batch (an upsert of golden_records).</summary>
internal sealed record GoldenRow(
    string Id, string IdentityKey, int Version, string ContentHash, string Content, string? FieldLineage, string? AgencyUscc,
    string? RegionCode, string? Category, string? DecidedOn, string? DecisionNumber, long CreatedAt, long UpdatedAt, long? DeletedAt);

/// <summary>A version of a golden record; <c>Content</c> is null for the current version, whose content the golden record holds.</summary>
internal sealed record VersionRow(string RecordId, int Version, string ChangeKind, string ContentHash, string? Content, string ConnectorId, long ChangedAt);

/// <summary>The version a golden record had before the batch changed it: its content moves from the golden record into the version.</summary>
internal sealed record SupersededVersionRow(string RecordId, int Version, string Content);

internal sealed record ChangeRow(
    string EventId, string RecordId, int Version, string ChangeType, long OccurredAt, string? RegionCode, string? AgencyUscc,
    string? Category, string? TraceParent);

internal sealed record ConflictRow(
    string RecordId, string FieldGroup, string Paths, string SourceValues, string ValuesHash, string ChosenConnector,
    string ChosenSourceKey, long DetectedAt, long UpdatedAt);

/// <summary>A field group of a record whose sources disagree after the batch: its conflict entry stays open.</summary>
internal sealed record OpenConflict(string RecordId, string FieldGroup);

internal sealed record QuarantineRow(
    string ConnectorId, string SourceKey, string RunId, string Raw, string RawHash, string Reasons, string Rules, long SeenAt);
