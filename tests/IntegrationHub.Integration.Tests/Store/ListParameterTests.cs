using Dapper;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>The store's "one of these values" condition: one parameter whatever the list's length, on both databases.</summary>
public sealed class ListParameterTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AListParameter_LongerThanSqlitesLimitOfVariables_SelectsExactlyTheListedRows_OfTextAndOfNumbers(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        await using var connection = await opened.Dialect.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TEMP TABLE list_probe (name TEXT NOT NULL, number BIGINT NOT NULL)");
        await connection.ExecuteAsync("INSERT INTO list_probe (name, number) VALUES ('甲', 1), ('乙', 2), ('丙', 3), ('it''s \"quoted\"', 4)");
        var names = Enumerable.Range(0, 40_000).Select(i => $"other-{i}").Append("丙").Append("it's \"quoted\"").Prepend("甲").ToList();
        var numbers = Enumerable.Range(100, 40_000).Select(i => (long)i).Append(2L).ToList();

        var byName = await connection.QueryAsync<string>(
            $"SELECT name FROM list_probe WHERE {opened.Dialect.InList("name", "names")} ORDER BY number", new { names = opened.Dialect.ListValue(names) });
        var byNumber = await connection.QueryAsync<long>(
            $"SELECT number FROM list_probe WHERE {opened.Dialect.InList("number", "numbers")}", new { numbers = opened.Dialect.ListValue(numbers) });
        var none = await connection.QueryAsync<string>(
            $"SELECT name FROM list_probe WHERE {opened.Dialect.InList("name", "names")}", new { names = opened.Dialect.ListValue(Array.Empty<string>()) });

        Assert.Equal(["甲", "丙", "it's \"quoted\""], byName);
        Assert.Equal([2L], byNumber);
        Assert.Empty(none);
    }
}
