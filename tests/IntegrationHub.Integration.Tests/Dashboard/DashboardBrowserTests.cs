using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using PuppeteerSharp;

namespace IntegrationHub.Integration.Tests.Dashboard;

/// <summary>
/// Issue 6 "done when": the dashboard driven in headless Chromium (Debian's chromium, installed by deploy/scripts/test.sh),
/// with screenshots kept under the test artifacts (screenshots/dashboard).
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string UnknownCode = "mapping.code-unknown";

    [Fact]
    public async Task Operator_SignsIn_SeesTheSampleConnectors_ReplaysAQuarantinedRecord_SeesTheCountDrop_AndSwitchesToEnglish()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: deploy/scripts/test.sh installs Debian's chromium package.");
        var department = SampleDepartment.EcologyEnvironment;
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 200);
        var fixMapping = await sources.BreakCategoryMappingAsync(department);
        await using var settings = await HubSettings.CreateAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        await using (var first = await TestHub.StartAsync(settings))
        {
            foreach (var each in SampleDepartment.All)
                await first.RunAsync(each.Id);
        }

        // The operator has fixed the mapping; the quarantined records can now pass.
        await fixMapping();
        await using var hub = await TestHub.StartAsync(settings);
        var screenshots = TestArtifacts.Folder(Path.Combine("screenshots", "dashboard"));

        var profile = Directory.CreateTempSubdirectory("hub-chromium-").FullName;
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = Chromium,
            UserDataDir = profile,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1366, Height = 768 }); // a laptop screen
        // Whatever the Content-Security-Policy refuses, Chromium reports on the console.
        var refused = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || e.Message.Text.Contains("Refused to", StringComparison.Ordinal))
                refused.Enqueue(e.Message.Text);
        };

        // Sign in: the overview sends an anonymous visitor to the sign-in page.
        await page.GoToAsync(new Uri(hub.Address, "/").ToString());
        Assert.EndsWith("/signin?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        Assert.Equal("zh-CN", await page.EvaluateExpressionAsync<string>("document.documentElement.lang"));
        // The page's own styles apply under the policy (its <style> carries the answer's nonce).
        Assert.Equal("rgb(18, 50, 79)", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.querySelector('header')).backgroundColor"));
        await page.TypeAsync("#api-key", await settings.ReadAdminKeyAsync());
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#sign-in"));

        // The overview: both sample connectors, each with its state and health.
        var connectors = await page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('#connectors tr[data-connector]')].map(r => r.dataset.connector + '|' + r.dataset.state + '|' + r.dataset.health)");
        Assert.Equal(SampleDepartment.All.Select(d => d.Id).Order(StringComparer.Ordinal), connectors.Select(c => c.Split('|')[0]));
        Assert.All(connectors, c => Assert.Equal("completed", c.Split('|')[1]));
        Assert.All(connectors, c => Assert.Contains(c.Split('|')[2], new[] { "healthy", "degraded", "failing", "stale", "drifted" }));
        await page.ScreenshotAsync(Path.Combine(screenshots, "1-overview.png"), new ScreenshotOptions { FullPage = true });

        // The quarantine of the connector, filtered to the rule the fix addressed.
        await page.GoToAsync(new Uri(hub.Address, $"/quarantine?connector={department.Id}&rule={UnknownCode}").ToString());
        var before = await CountAsync(page);
        Assert.True(before > 0, "the broken mapping quarantined no record");
        await page.ScreenshotAsync(Path.Combine(screenshots, "2-quarantine.png"), new ScreenshotOptions { FullPage = true });

        // Replay one entry that failed for the unknown code alone (the fewest rules; rows with a real defect have more),
        // and watch the count drop by one.
        var entry = await page.EvaluateExpressionAsync<string>(
            "[...document.querySelectorAll('.entry[data-entry]')].sort((a, b) => a.dataset.rules.split(' ').length - b.dataset.rules.split(' ').length)[0].dataset.entry");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync($".entry[data-entry=\"{entry}\"] button.replay"));
        Assert.Contains("1", await page.EvaluateExpressionAsync<string>("document.querySelector('#message').textContent"));
        var after = before;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (after == before && DateTime.UtcNow < deadline)
        {
            await page.GoToAsync(new Uri(hub.Address, $"/quarantine?connector={department.Id}&rule={UnknownCode}").ToString());
            after = await CountAsync(page);
        }

        Assert.Equal(before - 1, after);
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>($"document.querySelectorAll('.entry[data-entry=\"{entry}\"]').length"));
        await page.ScreenshotAsync(Path.Combine(screenshots, "3-after-replay.png"), new ScreenshotOptions { FullPage = true });

        // English, and it stays English on the next page.
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#switch-language"));
        Assert.Equal("en", await page.EvaluateExpressionAsync<string>("document.documentElement.lang"));
        Assert.Equal("Quarantine", await page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent.trim()"));
        await page.ScreenshotAsync(Path.Combine(screenshots, "4-quarantine-english.png"), new ScreenshotOptions { FullPage = true });
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#nav-overview"));
        Assert.Equal("Connectors", await page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent.trim()"));
        await page.ScreenshotAsync(Path.Combine(screenshots, "5-overview-english.png"), new ScreenshotOptions { FullPage = true });

        // The connector's runs as charts, and the indicators, for people to look at.
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync($"#connectors tr[data-connector=\"{department.Id}\"] a"));
        Assert.Equal(2, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.chart.bars').length"));
        await page.ScreenshotAsync(Path.Combine(screenshots, "6-connector-english.png"), new ScreenshotOptions { FullPage = true });
        await page.GoToAsync(new Uri(hub.Address, "/indicators?period=2024&asOf=2030-01-01&lang=zh").ToString());
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#ranking tr[data-unit]').length") > 0);
        await page.ScreenshotAsync(Path.Combine(screenshots, "7-indicators.png"), new ScreenshotOptions { FullPage = true });

        Assert.True(refused.IsEmpty, "The Content-Security-Policy refused part of the dashboard:\n" + string.Join("\n", refused));
        await browser.CloseAsync();
        Directory.Delete(profile, recursive: true);
    }

    private static Task<int> CountAsync(IPage page) =>
        page.EvaluateExpressionAsync<int>("Number(document.querySelector('#quarantine-count').dataset.count)");
}
