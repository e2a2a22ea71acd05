using System.Text;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// Issue 12.3: every route the hub serves, called by every kind of caller, answers as <see cref="AuthorizationMatrix"/>
/// says; and a route the hub serves without a row there fails, naming the route.
/// </summary>
[Collection(MatrixHub.Collection)]
public sealed class AuthorizationMatrixTests(MatrixHub matrix)
{
    private const string MatrixFile = "tests/IntegrationHub.Integration.Tests/Security/AuthorizationMatrix.cs";

    [Fact]
    public async Task EveryRouteTheHubServes_HasARowInTheMatrix_AndEveryRowIsARouteTheHubServes()
    {
        var served = await ServedRoutes.OfAsync(matrix.Hub);
        var listed = AuthorizationMatrix.Routes.Select(r => r.Route).ToHashSet(StringComparer.Ordinal);

        var missing = served.Where(route => !listed.Contains(route)).ToList();
        var stale = listed.Where(route => !served.Contains(route)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            $"The hub serves {missing.Count} route(s) without a row in {MatrixFile}; add one per route with the status each caller must get "
            + $"({string.Join(", ", Enum.GetNames<Caller>())}):\n  " + string.Join("\n  ", missing));
        Assert.True(stale.Count == 0, $"{MatrixFile} has row(s) for route(s) the hub does not serve (renamed or removed?):\n  " + string.Join("\n  ", stale));
        Assert.Equal(AuthorizationMatrix.Routes.Count, listed.Count);
    }

    [Fact]
    public Task EveryApiRouteAndProbe_AnswersEveryCaller_AsTheMatrixSays() =>
        AssertMatrixAsync(AuthorizationMatrix.Routes.Where(r => !r.IsDashboardPage));

    [Fact]
    public Task EveryDashboardPageAndForm_AnswersEveryCallersSession_AsTheMatrixSays() =>
        AssertMatrixAsync(AuthorizationMatrix.Routes.Where(r => r.IsDashboardPage));

    /// <summary>Calls every row as every caller and reports every difference at once, each with what came instead.</summary>
    private async Task AssertMatrixAsync(IEnumerable<RouteAccess> rows)
    {
        var differences = new StringBuilder();
        var calls = 0;
        foreach (var row in rows)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                calls++;
                using var response = await matrix.CallAsync(row, caller);
                var expected = row.ExpectedFor(caller);
                if (!expected.Matches(response))
                {
                    var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
                    differences.AppendLine($"{row.Route} as {caller}: expected {expected}, got {Outcome.Describe(response)} {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }

        Assert.True(calls > 0);
        Assert.True(differences.Length == 0, $"Answers that differ from {MatrixFile}:\n{differences}");
    }
}
