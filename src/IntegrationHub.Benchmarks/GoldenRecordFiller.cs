using System.Globalization;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Writes generated golden records straight into the store's table (not through the pipeline): a year of varied cases
/// of many agencies in Guangdong districts, so that every indicator has cases that meet it and cases that fail it.
/// </summary>
internal static class GoldenRecordFiller
{
    private static readonly string[] Regions =
    [
        "440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117",
        "440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440402", "440403",
    ];

    public const int Agencies = 200;

    /// <summary>The USCC of generated agency <paramref name="index"/>: an organ of state (11) in its region.</summary>
    public static string AgencyUscc(int index)
    {
        var organisation = (10_000_000 + index).ToString(CultureInfo.InvariantCulture);
        var first17 = "11" + Regions[index % Regions.Length] + organisation + OrganizationCode.ComputeCheckCharacter(organisation);
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    public static async Task SqliteAsync(string connectionString, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var chunk in Rows(count).Chunk(50_000))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO golden_records (id, identity_key, version, content_hash, content, agency_uscc, region_code, category,
                    decided_on, decision_number, created_at, updated_at)
                VALUES ($id, $key, 1, $hash, $content, $uscc, $region, $category, $decided, $number, $at, $at)
                """;
            var parameters = new[] { "$id", "$key", "$hash", "$content", "$uscc", "$region", "$category", "$decided", "$number", "$at" }
                .Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            insert.Prepare();
            foreach (var row in chunk)
            {
                object[] values = [row.Id, row.Key, row.Hash, row.Content, row.Uscc, row.Region, row.Category, row.Decided, row.Number, row.At];
                for (var i = 0; i < values.Length; i++)
                    parameters[i].Value = values[i];
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    public static async Task PostgresAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY golden_records (id, identity_key, version, content_hash, content, agency_uscc, region_code, category,
                decided_on, decision_number, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var row in Rows(count))
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row.Id, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Key, NpgsqlDbType.Text);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync(row.Hash, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Content, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Uscc, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Region, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Category, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Decided, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Number, NpgsqlDbType.Text);
            await writer.WriteAsync(row.At, NpgsqlDbType.Bigint);
            await writer.WriteAsync(row.At, NpgsqlDbType.Bigint);
        }

        await writer.CompleteAsync();
    }

    private sealed record Row(string Id, string Key, string Hash, string Content, string Uscc, string Region, string Category,
        string Decided, string Number, long At);

    private static IEnumerable<Row> Rows(int count)
    {
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var action = Action(i);
            var id = $"gr-{i:D8}";
            yield return new Row(id, $"{action.Agency.Uscc}|{action.DecisionNumber}", CanonicalJson.ContentHash(action), CanonicalJson.Serialize(action),
                action.Agency.Uscc!, action.Agency.RegionCode!, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(action.Category.ToString()), action.Dates.Decided!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                action.DecisionNumber!, at);
        }
    }

    // Deterministic variety: i picks the agency, the day of 2024, the category and which duties are late or missing.
    private static EnforcementAction Action(int i)
    {
        var agency = i % Agencies;
        var decided = new DateOnly(2024, 1, 1).AddDays((int)(i * 7919L % 366));
        var category = (i % 10) switch
        {
            < 5 => ActionCategory.Penalty,
            < 7 => ActionCategory.Licensing,
            < 9 => ActionCategory.Inspection,
            _ => ActionCategory.Coercion,
        };
        var lateness = (i * 31 + i / Agencies * 7) % 100;
        return new EnforcementAction
        {
            Agency = new EnforcingAgency { Name = $"执法机关{agency:D3}", Uscc = AgencyUscc(agency), RegionCode = Regions[agency % Regions.Length] },
            Category = category,
            DecisionNumber = string.Create(CultureInfo.InvariantCulture, $"粤执〔2024〕{i}号"),
            Procedure = i % 17 == 0 ? Procedure.Simple : Procedure.Ordinary,
            Counterparts = [new Counterpart { Kind = CounterpartKind.LegalPerson, Name = "华为技术有限公司", Uscc = "914403001922038216", LegalRepresentative = "张三" }],
            Officers = lateness < 97
                ? [new Officer { Name = "甲", CertificateNumber = "44000001" }, new Officer { Name = "乙", CertificateNumber = "44000002" }]
                : [new Officer { Name = "甲", CertificateNumber = "44000001" }],
            Dates = new ActionDates
            {
                Filed = decided.AddDays(-(10 + i % 95)),
                Decided = decided,
                Delivered = decided.AddDays(lateness < 93 ? 2 : 12),
                Closed = lateness < 90 ? decided.AddDays(20) : null,
            },
            Violation = new Violation { Type = "销售不符合食品安全标准的食品", Facts = "经查，当事人销售过期食品。" },
            LegalBasis = ["《中华人民共和国食品安全法》第一百二十四条"],
            LegalReview = i % 7 == 0 ? new LegalReview { Required = true, Date = decided.AddDays(lateness < 95 ? -2 : 1), Passed = true } : null,
            Penalties = category == ActionCategory.Penalty ? [new Penalty { Type = PenaltyType.Fine, AmountYuan = 2000m + i % 50 * 1000 }] : [],
            DecisionContent = "依法作出决定",
            Recordings = category == ActionCategory.Coercion && lateness < 92 ? [new Recording { Kind = RecordingKind.AudioVideo }] : [],
            Publication = new Publication
            {
                PublishedOn = decided.AddDays(lateness < 91 ? 3 : 15),
                ChangedOn = i % 101 == 0 ? decided.AddDays(30) : null,
                WithdrawnOn = i % 101 == 0 ? decided.AddDays(lateness < 80 ? 32 : 40) : null,
                WithdrawalReason = i % 101 == 0 ? "行政复议决定撤销" : null,
            },
        };
    }
}
