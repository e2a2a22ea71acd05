using System.Net;
using System.Text.RegularExpressions;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// A browser-like HTTP client for the dashboard: keeps cookies, does not follow redirects (tests look at them), and
/// signs in through the sign-in form with its antiforgery token.
/// </summary>
public sealed partial class DashboardSession : IDisposable
{
    private DashboardSession(Uri address)
    {
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>A session with no sign-in yet.</summary>
    public static DashboardSession Anonymous(TestHub hub) => new(hub.Address);

    /// <summary>A session signed in with <paramref name="key"/>; fails the test when the sign-in is refused.</summary>
    public static async Task<DashboardSession> SignInAsync(TestHub hub, string key)
    {
        var session = new DashboardSession(hub.Address);
        var response = await session.PostFormAsync("/signin", "/signin", new Dictionary<string, string> { ["key"] = key });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>Posts a form of the page at <paramref name="pagePath"/> with the antiforgery token that page carries.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IDictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(pagePath);
        Assert.True(token is not null, $"{pagePath} carries no antiforgery token.");
        return await PostFormWithTokenAsync(action, token, fields);
    }

    /// <summary>Posts form fields with the given antiforgery token (none: a forged post).</summary>
    public async Task<HttpResponseMessage> PostFormWithTokenAsync(string action, string? token, IDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields);
        if (token is not null)
            form["__RequestVerificationToken"] = token;
        return await Client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of the page at <paramref name="pagePath"/> as this session sees it (also a 403 page), or null.</summary>
    public async Task<string?> AntiforgeryTokenAsync(string pagePath)
    {
        var page = await (await Client.GetAsync(pagePath)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page);
        return token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
