using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// Issue 12.3, the dashboard's cookies (session, antiforgery, language): HttpOnly and SameSite=Strict always, Secure
/// whenever the browser reached the hub over TLS — directly, or through a TLS-terminating proxy the hub is told to
/// trust (Hub:Proxy). A forwarded header from anyone else is ignored.
/// </summary>
public sealed partial class CookieSecurityTests
{
    private static readonly string[] DashboardCookies = ["hub-antiforgery", "hub-session", "hub-lang"];

    [Fact]
    public async Task BehindATrustedTlsProxy_EveryDashboardCookieIsSecureHttpOnlyAndStrict()
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder(), new Dictionary<string, string?> { ["Hub:Proxy:KnownProxies:0"] = "127.0.0.1" });
        using var client = Client(hub.Address);

        var cookies = await SignInCookiesAsync(client, await AdminKeyAsync(hub), forwardedProto: "https");

        Assert.Equal(DashboardCookies.Order(StringComparer.Ordinal), cookies.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, attributes) in cookies)
            Assert.True(attributes.Contains("secure") && attributes.Contains("httponly") && attributes.Contains("samesite=strict"), $"{name}: {string.Join("; ", attributes)}");
    }

    [Fact]
    public async Task OverPlainHttp_OrWithAForwardedHeaderFromAnUntrustedClient_CookiesAreNotSecure_ButHttpOnlyAndStrict()
    {
        await using var trusting = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder(), new Dictionary<string, string?> { ["Hub:Proxy:KnownProxies:0"] = "127.0.0.1" });
        await using var untrusting = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());
        using var plain = Client(trusting.Address);
        using var spoofing = Client(untrusting.Address);

        var overHttp = await SignInCookiesAsync(plain, await AdminKeyAsync(trusting), forwardedProto: null);
        var spoofed = await SignInCookiesAsync(spoofing, await AdminKeyAsync(untrusting), forwardedProto: "https");

        foreach (var (name, attributes) in overHttp.Concat(spoofed))
            Assert.True(!attributes.Contains("secure") && attributes.Contains("httponly") && attributes.Contains("samesite=strict"), $"{name}: {string.Join("; ", attributes)}");
        Assert.Equal(3, overHttp.Count);
        Assert.Equal(3, spoofed.Count);
    }

    [Fact]
    public async Task OverTlsToTheHubItself_EveryDashboardCookieIsSecure()
    {
        var folder = Directory.CreateTempSubdirectory("hub-tls-").FullName;
        var (certificate, path) = SelfSignedCertificate(folder);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder(), new Dictionary<string, string?>
        {
            ["Hub:Urls"] = "https://127.0.0.1:0",
            ["Kestrel:Certificates:Default:Path"] = path,
            ["Kestrel:Certificates:Default:Password"] = "matrix",
        });
        using var handler = new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = hub.Address };

        var cookies = await SignInCookiesAsync(client, await AdminKeyAsync(hub), forwardedProto: null);

        Assert.Equal("https", hub.Address.Scheme);
        Assert.Equal(3, cookies.Count);
        foreach (var (name, attributes) in cookies)
            Assert.True(attributes.Contains("secure") && attributes.Contains("httponly") && attributes.Contains("samesite=strict"), $"{name}: {string.Join("; ", attributes)}");
        certificate.Dispose();
    }

    [Fact]
    public async Task AProxyThatIsNotAnAddress_StopsTheStart_NamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder(), new Dictionary<string, string?> { ["Hub:Proxy:KnownProxies:0"] = "proxy.example" });
            await hub.DisposeAsync();
        });

        Assert.Contains("Hub:Proxy:KnownProxies:0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Signs in as a browser would — the sign-in page (antiforgery cookie and token), the form post (session cookie),
    /// a page in English (language cookie) — and returns each cookie set, by name, with its attributes in lower case.
    /// Cookies are passed by hand: a client keeps no Secure cookie for an http address, which a TLS proxy would hide.
    /// </summary>
    private static async Task<Dictionary<string, HashSet<string>>> SignInCookiesAsync(HttpClient client, string key, string? forwardedProto)
    {
        var set = new Dictionary<string, (string Value, HashSet<string> Attributes)>(StringComparer.Ordinal);
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (forwardedProto is not null)
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            if (set.Count > 0)
                request.Headers.Add("Cookie", string.Join("; ", set.Select(c => $"{c.Key}={c.Value.Value}")));
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var parts = header.Split(';', StringSplitOptions.TrimEntries);
                var (name, value) = (parts[0][..parts[0].IndexOf('=', StringComparison.Ordinal)], parts[0][(parts[0].IndexOf('=', StringComparison.Ordinal) + 1)..]);
                set[name] = (value, [.. parts.Skip(1).Select(a => a.ToLowerInvariant())]);
            }

            return response;
        }

        var page = await (await SendAsync(HttpMethod.Get, "/signin")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        var signIn = await SendAsync(HttpMethod.Post, "/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/?lang=en")).StatusCode);
        return set.ToDictionary(c => c.Key, c => c.Value.Attributes, StringComparer.Ordinal);
    }

    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

    private static (X509Certificate2 Certificate, string Path) SelfSignedCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(folder, "hub.pfx");
        File.WriteAllBytes(path, created.Export(X509ContentType.Pfx, "matrix"));
        return (X509CertificateLoader.LoadPkcs12FromFile(path, "matrix"), path);
    }

    private static async Task<string> AdminKeyAsync(TestHub hub) =>
        (await File.ReadAllTextAsync(Path.Combine(hub.DataDirectory, "admin.key"))).Trim();

    private static string EmptyFolder() => Directory.CreateTempSubdirectory("hub-connectors-").FullName;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
