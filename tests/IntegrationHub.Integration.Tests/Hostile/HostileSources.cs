using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Files;
using IntegrationHub.Connectors.Process;
using IntegrationHub.Connectors.Sql;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Mapping.Definition;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Integration.Tests.Hostile;

/// <summary>Reads a case through the real connector of its kind: files in a temp inbox, a tap process, a SQLite database, a loopback HTTP API.</summary>
public static class HostileSources
{
    private static readonly ConnectorContext Context = new(Path.GetTempPath());

    public static async Task<HostileOutcome> ReadAsync(HostileCase c, HostileRestServer rest)
    {
        using var folder = new ScratchDirectory("hub-hostile-");
        var payload = c.Input["payload"]?.AsObject();
        var kind = c.Source.Split(':');
        try
        {
            return kind[0] switch
            {
                "file" => await FileAsync(c, kind[1], payload, folder.Path),
                "rest" => await RestAsync(c, payload, rest),
                "process" => await ProcessAsync(c, payload, folder.Path),
                "sql" => await SqlAsync(c, payload, folder.Path),
                _ => throw new ArgumentOutOfRangeException(nameof(c), c.Source, "no such source kind"),
            };
        }
        catch (SourceAccessException ex)
        {
            return HostileOutcome.Refused(ex.Message);
        }
    }

    private static async Task<HostileOutcome> FileAsync(HostileCase c, string format, JsonObject? payload, string inbox)
    {
        var name = c.Case["name"]?.GetValue<string>() ?? $"cases.{format}";
        var path = Path.Combine(inbox, name);
        if (format == "xlsx")
            Workbook(c, payload, path);
        else
            await File.WriteAllBytesAsync(path, payload is null ? HostileInputs.Bytes(c.Input, format) : HostileInputs.Record(format, HostileInputs.PayloadValue(payload)));
        var source = new JsonObject { ["path"] = inbox, ["format"] = format, ["pattern"] = "*", ["settleSeconds"] = 0 };
        if (format == "xml")
            source["xml"] = new JsonObject { ["recordPath"] = "/root/case" };
        foreach (var (key, value) in c.Case["options"]?.AsObject() ?? [])
            source[key] = value?.DeepClone();
        var pages = new List<SourcePage>();
        await foreach (var page in new FileSourceConnector(TimeProvider.System).ReadAsync(Definition("file", source), null, Context, CancellationToken.None))
            pages.Add(page);
        var failed = FileCheckpoint.Parse(pages.LastOrDefault()?.CheckpointAfter).Finished.FirstOrDefault(f => f.Outcome == FinishedFile.Failed);
        return failed is not null ? HostileOutcome.Refused(failed.Problem!) : HostileOutcome.FromRecords([.. pages.SelectMany(p => p.Records)]);
    }

    private static void Workbook(HostileCase c, JsonObject? payload, string path)
    {
        if (payload is not null)
        {
            HostileInputs.Workbook(path, HostileInputs.HeaderRow + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>0</v></c></row>", [HostileInputs.PayloadValue(payload)]);
            return;
        }

        switch (c.Input["generator"]?.GetValue<string>())
        {
            case "zip-bomb":
                var megabytes = c.Input["megabytes"]!.GetValue<int>();
                HostileInputs.Workbook(path, "", writeBomb: sheet =>
                {
                    var spaces = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
                    sheet.Write(Encoding.UTF8.GetBytes("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"));
                    for (var i = 0; i < megabytes; i++)
                        sheet.Write(spaces);
                    sheet.Write(Encoding.UTF8.GetBytes("</sheetData></worksheet>"));
                    return megabytes;
                });
                break;
            case "truncated-xlsx":
                HostileInputs.Workbook(path, HostileInputs.HeaderRow);
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "wide-xlsx":
                var columns = c.Input["columns"]!.GetValue<int>();
                HostileInputs.Workbook(path, "<row r=\"1\">" + string.Concat(Enumerable.Range(1, columns).Select(i => $"<c t=\"inlineStr\"><is><t>c{i}</t></is></c>")) + "</row>");
                break;
            case "xlsx-doctype":
                HostileInputs.Workbook(path, HostileInputs.HeaderRow, doctype: "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
                break;
            case "xlsx-bad-shared-string":
                HostileInputs.Workbook(path, HostileInputs.HeaderRow + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>999</v></c></row>");
                break;
            case "xlsx-cell":
                HostileInputs.Workbook(path, HostileInputs.HeaderRow + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>" + c.Input["cell"]!.GetValue<string>() + "</row>");
                break;
            default:
                File.WriteAllBytes(path, HostileInputs.Bytes(c.Input, "xlsx"));
                break;
        }
    }

    private static async Task<HostileOutcome> RestAsync(HostileCase c, JsonObject? payload, HostileRestServer rest)
    {
        var body = payload is null ? HostileInputs.Bytes(c.Input, "json") : HostileInputs.Record("json", HostileInputs.PayloadValue(payload));
        var address = rest.Serve(c.Id, body, c.Input["contentType"]?.GetValue<string>() ?? "application/json; charset=utf-8");
        var source = new JsonObject { ["url"] = address.AbsoluteUri, ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 0) };
        foreach (var (key, value) in c.Case["options"]?.AsObject() ?? [])
            source[key] = value?.DeepClone();
        await using var harness = new RestConnectorHarness();
        var pages = new List<SourcePage>();
        await foreach (var page in harness.Connector.ReadAsync(Definition("rest", source), null, Context, CancellationToken.None))
            pages.Add(page);
        return HostileOutcome.FromRecords([.. pages.SelectMany(p => p.Records)]);
    }

    private static async Task<HostileOutcome> ProcessAsync(HostileCase c, JsonObject? payload, string folder)
    {
        var output = Path.Combine(folder, "tap-output");
        byte[] bytes = payload is not null
            ? HostileInputs.Record("singer", HostileInputs.PayloadValue(payload))
            : c.Input["lines"] is JsonArray lines
                ? Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l!.GetValue<string>() + "\n")))
                : c.Input["generator"]!.GetValue<string>() == "invalid-utf8" ? HostileInputs.Bytes(new JsonObject { ["generator"] = "invalid-utf8", ["format"] = "singer" }, "singer")
                : HostileInputs.Bytes(c.Input, "singer");
        await File.WriteAllBytesAsync(output, bytes);
        // The tap prints the case's bytes as they are: `sh -c 'cat "$0"' FILE --config CONFIG`.
        var source = new JsonObject { ["command"] = "sh", ["args"] = new JsonArray("-c", "cat \"$0\"", output), ["config"] = new JsonObject() };
        var pages = new List<SourcePage>();
        await foreach (var page in new ProcessSourceConnector().ReadAsync(Definition("process", source), null, Context, CancellationToken.None))
            pages.Add(page);
        return HostileOutcome.FromRecords([.. pages.SelectMany(p => p.Records)]);
    }

    private static async Task<HostileOutcome> SqlAsync(HostileCase c, JsonObject? payload, string folder)
    {
        var database = Path.Combine(folder, "source.db");
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE cases (id INTEGER PRIMARY KEY, updated INTEGER NOT NULL, 当事人名称)";
            await create.ExecuteNonQueryAsync();
            await using var insert = connection.CreateCommand();
            var generator = c.Input["generator"]?.GetValue<string>();
            insert.CommandText = generator switch
            {
                "sql-invalid-utf8" => "INSERT INTO cases VALUES (1, 1, CAST(X'E5BCA0C328FFFE' AS TEXT))",
                "sql-blob" => "INSERT INTO cases VALUES (1, 1, X'00FF00FF')",
                _ => "INSERT INTO cases VALUES (1, 1, $value)",
            };
            insert.Parameters.AddWithValue("$value", payload is not null ? HostileInputs.PayloadValue(payload) : c.Input["value"]?.GetValue<string>() ?? "");
            await insert.ExecuteNonQueryAsync();
        }

        var source = new JsonObject { ["provider"] = "sqlite", ["connectionString"] = $"Data Source={database};Pooling=False", ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated" };
        var pages = new List<SourcePage>();
        await foreach (var page in new SqlSourceConnector().ReadAsync(Definition("sql", source), null, Context, CancellationToken.None))
            pages.Add(page);
        return HostileOutcome.FromRecords([.. pages.SelectMany(p => p.Records)]);
    }

    private static ConnectorDefinition Definition(string kind, JsonObject source) => new()
    {
        Id = $"hostile-{kind}",
        Name = $"hostile {kind}",
        Kind = kind,
        Source = source,
        Mapping = new MappingDefinition { Version = 1, SourceKey = ["id"], Fields = [] },
    };
}
