using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Mapping;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// <c>&lt;archived file&gt;.report.json</c> (and <c>.report.csv</c>): what became of every record of a file — its position,
/// source key, and what the store holds for that key (<c>stored</c>, <c>deleted</c>, <c>quarantined</c> with reasons).
/// Written in bounded memory: the file is read again page by page and the outcomes looked up per page.
/// </summary>
internal sealed class FileReport(FileSourceOptions options, ConnectorDefinition connector, TimeProvider clock, SourceLimits limits)
{
    public async Task WriteAsync(string source, string target, string archivedAs, FinishedFile file, RunFinished run, CancellationToken ct)
    {
        var jsonPath = target + ".report.json";
        var csvPath = target + ".report.csv";
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var json = new FileStream(jsonPath + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        await using (var csv = options.ReportCsv ? new StreamWriter(csvPath + ".tmp", append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) : null)
        {
            writer.WriteStartObject();
            writer.WriteString("connector", connector.Id);
            writer.WriteString("file", file.Name);
            writer.WriteString("sha256", file.Sha256);
            writer.WriteString("outcome", file.Outcome);
            writer.WriteString("archivedAs", archivedAs);
            writer.WriteString("format", options.Format.ToString().ToLowerInvariant());
            if (file.Problem is not null)
                writer.WriteString("problem", file.Problem);
            if (file.DuplicateOf is not null)
                writer.WriteString("duplicateOf", file.DuplicateOf);
            writer.WriteString("runId", run.RunId);
            writer.WriteString("reportedAt", clock.GetUtcNow());
            writer.WriteNumber("records", file.Records);
            if (csv is not null)
                await csv.WriteLineAsync("record,position,sourceKey,status,recordId,reasons").ConfigureAwait(false);

            writer.WriteStartArray("rows");
            if (file.Outcome != FinishedFile.Duplicate && file.Records > 0)
            {
                await foreach (var line in LinesAsync(source, file, run, ct).ConfigureAwait(false))
                {
                    counts[line.Status] = counts.GetValueOrDefault(line.Status) + 1;
                    WriteRow(writer, line);
                    if (csv is not null)
                    {
                        await csv.WriteLineAsync(string.Join(',', new[]
                        {
                            line.Record.ToString(CultureInfo.InvariantCulture), line.Position, line.SourceKey, line.Status, line.RecordId, string.Join(" | ", line.Reasons),
                        }.Select(CsvField))).ConfigureAwait(false);
                    }
                }
            }

            writer.WriteEndArray();
            writer.WriteStartObject("counts");
            foreach (var (status, count) in counts)
                writer.WriteNumber(status, count);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        File.Move(jsonPath + ".tmp", jsonPath, overwrite: true);
        if (options.ReportCsv)
            File.Move(csvPath + ".tmp", csvPath, overwrite: true);
    }

    private static string CsvField(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny("\",\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void WriteRow(Utf8JsonWriter writer, ReportLine line)
    {
        writer.WriteStartObject();
        writer.WriteNumber("record", line.Record);
        writer.WriteString("position", line.Position);
        if (line.SourceKey is null)
            writer.WriteNull("sourceKey");
        else
            writer.WriteString("sourceKey", line.SourceKey);
        writer.WriteString("status", line.Status);
        if (line.RecordId is not null)
            writer.WriteString("recordId", line.RecordId);
        writer.WriteStartArray("reasons");
        foreach (var reason in line.Reasons)
            writer.WriteStringValue(reason);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The lines of the report in record order; outcomes are looked up a page of keys at a time.</summary>
    private async IAsyncEnumerable<ReportLine> LinesAsync(string source, FinishedFile file, RunFinished run, [EnumeratorCancellation] CancellationToken ct)
    {
        var normalizer = new RecordNormalizer(connector.Mapping);
        using var rows = SafeRows.Open(source, options, limits);
        var page = new List<(long Record, FileRow Row, string? Key)>(options.PageSize);
        long index = 0;
        var more = true;
        while (more)
        {
            more = index < file.Records && rows.MoveNext();
            if (more)
            {
                index++;
                var row = rows.Current;
                var key = normalizer.SourceKeyOf(row.Data);
                // An unreadable part is quarantined under its key when it has one, else under its origin (as the normalizer does).
                if (row.Problem is not null)
                    key ??= $"{file.Name} {row.Position}";
                page.Add((index, row, key));
            }

            if (page.Count == options.PageSize || (!more && page.Count > 0))
            {
                foreach (var line in await ResolveAsync(page, run, ct).ConfigureAwait(false))
                    yield return line;
                page.Clear();
            }
        }
    }

    private async Task<List<ReportLine>> ResolveAsync(List<(long Record, FileRow Row, string? Key)> page, RunFinished run, CancellationToken ct)
    {
        var keys = page.Where(p => p.Key is not null).Select(p => p.Key!).Distinct(StringComparer.Ordinal).ToList();
        var outcomes = keys.Count == 0
            ? new Dictionary<string, RecordOutcome>()
            : await run.Outcomes.FindAsync(connector.Id, keys, ct).ConfigureAwait(false);
        var lines = new List<ReportLine>(page.Count);
        foreach (var (record, row, key) in page)
        {
            ReportLine line;
            if (key is null)
            {
                var keyFields = string.Join("/", connector.Mapping.SourceKey);
                line = new ReportLine(record, row.Position, null, "quarantined", null,
                    [$"The source record has no value in its key field '{keyFields}', so it cannot be identified."]);
            }
            else if (outcomes.TryGetValue(key, out var outcome))
            {
                line = new ReportLine(record, row.Position, key, outcome.Status, outcome.RecordId, outcome.Reasons);
            }
            else
            {
                line = new ReportLine(record, row.Position, key, "unknown", null, ["The store holds nothing for this key."]);
            }

            lines.Add(line);
        }

        return lines;
    }

    private sealed record ReportLine(long Record, string Position, string? SourceKey, string Status, string? RecordId, IReadOnlyList<string> Reasons);
}
