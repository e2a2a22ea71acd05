using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// Issue 12.3, the dashboard: no form is accepted without its antiforgery token, and every answer carries a
/// Content-Security-Policy without scripts, nonce-bound styles and no framing.
/// </summary>
[Collection(MatrixHub.Collection)]
public sealed partial class DashboardSecurityTests(MatrixHub matrix)
{
    [Fact]
    public async Task EveryDashboardForm_PostedWithoutItsAntiforgeryToken_IsRefused()
    {
        var forms = (await ServedRoutes.OfAsync(matrix.Hub)).Where(route => route.StartsWith("POST /", StringComparison.Ordinal) && !route.StartsWith("POST /api/", StringComparison.Ordinal)).ToList();
        using var administrator = await matrix.AdministratorSessionAsync();
        using var anonymous = DashboardSession.Anonymous(matrix.Hub);

        Assert.NotEmpty(forms);
        foreach (var form in forms)
        {
            var row = AuthorizationMatrix.Find(form) ?? throw new InvalidOperationException($"{form} has no row in the authorization matrix.");
            // Signed in as the administrator, who may post every form with its token (the matrix shows it).
            using var forged = await matrix.ForgedPostAsync(row, administrator);
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{form} without a token as the administrator: {(int)forged.StatusCode}");
        }

        using var forgedSignIn = await matrix.ForgedPostAsync(AuthorizationMatrix.Find("POST /signin")!, anonymous);
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignIn.StatusCode);
    }

    [Fact]
    public async Task EveryAnswer_CarriesAPolicyWithoutScriptsOrFraming_AndThePagesStyleCarriesThatAnswersNonce()
    {
        using var administrator = await matrix.AdministratorSessionAsync();
        using var anonymous = new HttpClient { BaseAddress = matrix.Hub.Address };
        var answers = new[]
        {
            await administrator.Client.GetAsync("/"),
            await administrator.Client.GetAsync("/quarantine"),
            await anonymous.GetAsync("/signin"),
            await anonymous.GetAsync("/api/v1/connectors"),
            await matrix.Hub.Client.GetAsync("/api/v1/connectors"),
            await anonymous.GetAsync("/health/ready"),
        };

        var nonces = new List<string>();
        foreach (var answer in answers)
        {
            var policy = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
            var what = $"{answer.RequestMessage!.RequestUri!.PathAndQuery} ({(int)answer.StatusCode}): {policy}";
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
            Assert.True(!policy.Contains("unsafe", StringComparison.Ordinal), what);
            Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            var nonce = NonceInPolicy().Match(policy).Groups[1].Value;
            nonces.Add(nonce);
            if (answer.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var page = await answer.Content.ReadAsStringAsync();
                Assert.Equal([nonce], StyleNonces().Matches(page).Select(m => m.Groups[1].Value));
                Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(" style=\"", page, StringComparison.Ordinal);
            }
        }

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
        foreach (var answer in answers)
            answer.Dispose();
    }

    [GeneratedRegex("style-src 'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<style nonce=\"([^\"]+)\"")]
    private static partial Regex StyleNonces();
}
