namespace IntegrationHub.Integration.Tests.Security;

/// <summary>Who calls a route in the authorization matrix: the columns of <see cref="AuthorizationMatrix"/>, in order.</summary>
public enum Caller
{
    /// <summary>No Authorization header; on the dashboard, no session.</summary>
    NoKey,

    /// <summary>A bearer token that is not a hub key; on the dashboard, a refused sign-in.</summary>
    MalformedKey,

    /// <summary>An administrator key revoked after it was issued (and after its dashboard sign-in).</summary>
    RevokedKey,

    /// <summary>An administrator key whose expiry passed after it was issued (and after its dashboard sign-in).</summary>
    ExpiredKey,

    /// <summary>A subscriber key of another subscription than the routes name, holding <c>feed:read</c> only.</summary>
    SubscriberOfAnotherScope,

    /// <summary>A department key of another department than the connectors the routes name.</summary>
    DepartmentOfAnotherDepartment,

    /// <summary>An operator key without scopes.</summary>
    Operator,

    /// <summary>An administrator key (every scope).</summary>
    Administrator,
}
