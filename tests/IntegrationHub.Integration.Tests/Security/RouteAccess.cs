namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// One row of the authorization matrix: a route as the hub serves it (<c>METHOD template</c>, e.g.
/// <c>GET /api/v1/connectors/{id}</c>; a dashboard form handler as <c>POST /connectors/{id}?handler=Run</c>), the
/// request that exercises it (<see cref="Path"/> and <see cref="Body"/>, with placeholders that
/// <see cref="MatrixHub"/> fills), and what each <see cref="Caller"/> must get, in the order of that enum.
/// </summary>
public sealed record RouteAccess(string Route, IReadOnlyList<Outcome> Expected)
{
    /// <summary>The path and query sent; placeholders in braces (<c>{connector}</c>) name a resource of the matrix hub.</summary>
    public string? Path { get; init; }

    /// <summary>The body: JSON for the API, <c>name=value&amp;…</c> form fields for the dashboard.</summary>
    public string? Body { get; init; }

    public string Method => Route[..Route.IndexOf(' ', StringComparison.Ordinal)];

    public bool IsDashboardPage => !Route.Contains(" /api/", StringComparison.Ordinal) && Route.Split(' ')[1] is var path
        && !path.StartsWith("/health/", StringComparison.Ordinal) && !path.StartsWith("/openapi/", StringComparison.Ordinal) && path != "/metrics";

    public Outcome ExpectedFor(Caller caller) => Expected[(int)caller];

    /// <summary>The same row, exercised at <paramref name="path"/>.</summary>
    public RouteAccess At(string path) => this with { Path = path };

    /// <summary>The same row, sending <paramref name="body"/>.</summary>
    public RouteAccess Sending(string body) => this with { Body = body };
}
