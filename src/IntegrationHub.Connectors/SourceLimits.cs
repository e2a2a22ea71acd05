namespace IntegrationHub.Connectors;

/// <summary>
/// How much of anything a source may hand the hub at once (<c>Hub:Limits</c>). A source is not trusted: a record over a
/// limit is quarantined with the limit's name, a file or answer that cannot be read within the limits is refused as a
/// whole, and memory stays bounded whatever a department's system sends.
/// </summary>
public sealed record SourceLimits
{
    public static SourceLimits Default { get; } = new();

    /// <summary>Characters in one field value (default 1 MiB of text); a longer value is cut to an excerpt and its record quarantined.</summary>
    public int MaxFieldLength { get; init; } = 1024 * 1024;

    /// <summary>Fields (columns) in one record or file header (default 2,000: departmental exports have tens).</summary>
    public int MaxFields { get; init; } = 2_000;

    /// <summary>Nesting of JSON objects and arrays (default 64, System.Text.Json's own default).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Characters in one CSV row, JSON line or Singer message (default 16 MiB); a longer one is quarantined unread.</summary>
    public int MaxRecordLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Bytes of one answer of a rest source (default 64 MiB).</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Decompressed bytes of one part of an XLSX workbook (default 16 GiB: a 2 GB workbook's sheet fits).</summary>
    public long MaxDecompressedBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Decompressed to compressed size of an XLSX part (default 100, as Apache POI): more is a zip bomb.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>The first problem with these values, naming the setting; null when they are usable.</summary>
    public string? Problem() => this switch
    {
        { MaxFieldLength: < 64 } => $"Hub:Limits:MaxFieldLength {MaxFieldLength} is below 64.",
        { MaxFields: < 1 } => $"Hub:Limits:MaxFields {MaxFields} is below 1.",
        { MaxDepth: < 2 or > 1000 } => $"Hub:Limits:MaxDepth {MaxDepth} is outside 2..1000.",
        { MaxRecordLength: < 1024 } => $"Hub:Limits:MaxRecordLength {MaxRecordLength} is below 1024.",
        { MaxResponseBytes: < 1024 } => $"Hub:Limits:MaxResponseBytes {MaxResponseBytes} is below 1024.",
        { MaxDecompressedBytes: < 1024 } => $"Hub:Limits:MaxDecompressedBytes {MaxDecompressedBytes} is below 1024.",
        { MaxCompressionRatio: < 2 } => $"Hub:Limits:MaxCompressionRatio {MaxCompressionRatio} is below 2.",
        _ => null,
    };
}
