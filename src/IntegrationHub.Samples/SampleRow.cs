namespace IntegrationHub.Samples;

/// <summary>
/// One row of a department's source table: column name → value (<see cref="long"/> for integer columns,
/// <see cref="string"/> for text, <see cref="decimal"/> for decimal columns, null for SQL NULL), with its ground truth.
/// </summary>
public sealed record SampleRow(string SourceKey, IReadOnlyDictionary<string, object?> Values, SampleTruth Truth);
