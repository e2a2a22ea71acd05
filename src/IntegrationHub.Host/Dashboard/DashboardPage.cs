using System.Security.Claims;
using IntegrationHub.Canonical.Calendar;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// The base of every dashboard page: the language (Chinese unless the <c>hub-lang</c> cookie says English; any page
/// takes <c>?lang=en</c> or <c>?lang=zh</c> to switch) and the signed-in key.
/// </summary>
public abstract class DashboardPage : PageModel
{
    public DashboardText Text { get; private set; } = DashboardText.Zh;

    public string? KeyName => User.FindFirstValue(ClaimTypes.Name);

    public string? Role => User.FindFirstValue(ClaimTypes.Role);

    public bool IsEnglish => Text == DashboardText.En;

    // Not a handler: without the attribute Razor Pages takes the override for one (method "PAGE", handler "HandlerExecuting").
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requested = Request.Query["lang"].ToString();
        var language = requested is "en" or "zh" ? requested : Request.Cookies[DashboardAuthentication.LanguageCookie];
        if (requested is "en" or "zh")
        {
            Response.Cookies.Append(DashboardAuthentication.LanguageCookie, requested, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }

        Text = language == "en" ? DashboardText.En : DashboardText.Zh;
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>The link that shows this page in the other language.</summary>
    public string SwitchLanguageUrl()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(p => p.Key != "lang")
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query["lang"] = IsEnglish ? "zh" : "en";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path, query);
    }

    public string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : Text.Never;

    public static string Span(TimeSpan span)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (span.TotalSeconds < 120)
            return string.Create(invariant, $"{span.TotalSeconds:0} s");
        if (span.TotalMinutes < 120)
            return string.Create(invariant, $"{span.TotalMinutes:0} min");
        return span.TotalHours < 48 ? string.Create(invariant, $"{span.TotalHours:0.#} h") : string.Create(invariant, $"{span.TotalDays:0.#} d");
    }
}
