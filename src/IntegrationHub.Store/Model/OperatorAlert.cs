namespace IntegrationHub.Store.Model;

/// <summary>
/// An operator event: a connector (or, later, a subscription) changed its health to a state that needs attention, or
/// came back to healthy. Kept in the store, listed at <c>GET /api/v1/alerts</c>, logged and sent to operator webhooks.
/// </summary>
public sealed record OperatorAlert
{
    /// <summary>Assigned by the store, increasing.</summary>
    public long Id { get; init; }

    /// <summary><c>connector</c> or <c>subscription</c>.</summary>
    public required string SubjectKind { get; init; }

    public required string SubjectId { get; init; }

    public required string State { get; init; }

    public required string PreviousState { get; init; }

    /// <summary>Why, in words an operator understands.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }
}
