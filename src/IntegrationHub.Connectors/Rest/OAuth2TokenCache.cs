using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// The access token of one OAuth2 client (client credentials grant), shared by the runs and checks of a connector.
/// Renewed shortly before it expires (a tenth of its lifetime, at most a minute early), or at once when the source
/// answers 401 to it.
/// </summary>
internal sealed class OAuth2TokenCache(RestAuthOptions auth, TimeProvider clock)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxRenewalMargin = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private string? _token;
    private DateTimeOffset _renewAt;
    private Task<string>? _pending;

    /// <summary>Tokens obtained so far (for the log and the tests).</summary>
    public int Issued { get; private set; }

    public async Task<string> GetAsync(RestSender sender, CancellationToken ct)
    {
        Task<string> pending;
        lock (_lock)
        {
            if (_token is not null && clock.GetUtcNow() < _renewAt)
                return _token;
            pending = _pending ??= FetchAsync(sender);
        }

        return await pending.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Forgets the token the source refused, unless a newer one was obtained meanwhile.</summary>
    public void Invalidate(string refused)
    {
        lock (_lock)
        {
            if (_token == refused)
                _token = null;
        }
    }

    private async Task<string> FetchAsync(RestSender sender)
    {
        try
        {
            var (token, lifetime) = await RequestAsync(sender).ConfigureAwait(false);
            lock (_lock)
            {
                _token = token;
                var margin = TimeSpan.FromTicks(Math.Min(MaxRenewalMargin.Ticks, lifetime.Ticks / 10));
                _renewAt = clock.GetUtcNow() + lifetime - margin;
                Issued++;
            }

            return token;
        }
        finally
        {
            lock (_lock)
                _pending = null;
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(RestSender sender)
    {
        var tokenUrl = auth.TokenUrl!;
        var described = sender.Describe(tokenUrl);
        using var response = await sender.SendAsync(() =>
        {
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (auth.Scope is not null)
                form.Add(new("scope", auth.Scope));
            var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl);
            if (auth.ClientCredentialsAsBasic)
            {
                var pair = $"{Uri.EscapeDataString(auth.ClientId!)}:{Uri.EscapeDataString(auth.ClientSecret!)}";
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            }
            else
            {
                form.Add(new("client_id", auth.ClientId!));
                form.Add(new("client_secret", auth.ClientSecret!));
            }

            request.Content = new FormUrlEncodedContent(form);
            return request;
        }, described, CancellationToken.None).ConfigureAwait(false);

        var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
        JsonObject? answer = null;
        try
        {
            answer = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Described below with the status and the start of the body.
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = answer?["error"]?.ToString() ?? RestSender.Excerpt(body);
            var detail = answer?["error_description"]?.ToString();
            var stage = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "authenticate" : "read";
            throw sender.Failure(stage, $"The token endpoint POST {described} refused the client credentials of source.auth: HTTP {(int)response.StatusCode} {error}{(detail is null ? "" : $" ({detail})")}. Check clientId, clientSecret and scope.");
        }

        if (answer?["access_token"] is not JsonValue tokenValue || !tokenValue.TryGetValue<string>(out var token) || token.Length == 0)
            throw sender.Failure("authenticate", $"The token endpoint POST {described} answered HTTP {(int)response.StatusCode} without an access_token: {RestSender.Excerpt(body)}");
        var lifetime = answer["expires_in"] switch
        {
            JsonValue v when v.TryGetValue<long>(out var seconds) && seconds > 0 => TimeSpan.FromSeconds(seconds),
            JsonValue v when v.TryGetValue<string>(out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 => TimeSpan.FromSeconds(seconds),
            _ => DefaultLifetime,
        };
        return (token, lifetime);
    }
}
