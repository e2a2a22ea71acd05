using System.Net;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// What one caller must get from one route: a status code, and for a redirect where it leads (the sign-in page, the
/// denied page, or anywhere else — the page itself after a form post).
/// </summary>
public readonly record struct Outcome(int Status, string? Location = null)
{
    private const string AnyOtherPage = "(another page)";

    /// <summary>302 to /signin: the dashboard wants a session.</summary>
    public static Outcome SignIn { get; } = new(302, "/signin");

    /// <summary>302 to /denied: the session's key lacks the page's role or scope.</summary>
    public static Outcome Denied { get; } = new(302, "/denied");

    /// <summary>302 to neither of those: a form post done, back to its page.</summary>
    public static Outcome Redirect { get; } = new(302, AnyOtherPage);

    public static implicit operator Outcome(int status) => new(status);

    public static Outcome FromInt32(int status) => new(status);

    public bool Matches(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode != Status)
            return false;
        if (response.StatusCode != HttpStatusCode.Redirect || Location is null)
            return true;
        var path = response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString) : "";
        var toSignIn = path.StartsWith(SignIn.Location!, StringComparison.Ordinal);
        var toDenied = path.StartsWith(Denied.Location!, StringComparison.Ordinal);
        return Location == AnyOtherPage ? !toSignIn && !toDenied : path.StartsWith(Location, StringComparison.Ordinal);
    }

    public override string ToString() => Location is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} to {Location}";

    /// <summary>How an actual answer reads in a failure message.</summary>
    public static string Describe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        return response.Headers.Location is { } location
            ? $"{status} to {(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)}"
            : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
