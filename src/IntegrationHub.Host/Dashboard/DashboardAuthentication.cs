namespace IntegrationHub.Host.Dashboard;

/// <summary>The dashboard's session: a cookie made at sign-in from a valid API key. The API never accepts it.</summary>
public static class DashboardAuthentication
{
    public const string Scheme = "HubDashboard";
    public const string CookieName = "hub-session";
    public const string LanguageCookie = "hub-lang";

    /// <summary>The SHA-256 of the key the session was made from, to refuse the session once the key is revoked.</summary>
    public const string KeyHashClaim = "key_hash";

    public const string SignInPath = "/signin";
    public const string DeniedPath = "/denied";
}
