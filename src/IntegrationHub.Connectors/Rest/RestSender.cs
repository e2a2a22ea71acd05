using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// Sends the requests of one read of a rest connector: credentials applied, through the connector's resilience
/// pipeline, and every failure turned into a <see cref="SourceAccessException"/> of the right stage whose message names
/// the address (API key masked) and never a secret.
/// </summary>
internal sealed class RestSender
{
    private const int ExcerptLength = 200;

    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly RestSourceOptions _options;
    private readonly OAuth2TokenCache? _tokens;
    private readonly SecretRedactor _redactor;

    public RestSender(HttpClient client, ResiliencePipeline<HttpResponseMessage> pipeline, RestSourceOptions options, OAuth2TokenCache? tokens)
    {
        _client = client;
        _pipeline = pipeline;
        _options = options;
        _tokens = tokens;
        var auth = options.Auth;
        var basic = auth.Type == RestAuthType.Basic ? new[] { BasicValue(auth.Username!, auth.Password!) } : [];
        _redactor = new SecretRedactor(auth.Secrets.Concat(basic));
    }

    /// <summary>The address as messages and logs may show it: the API-key parameter masked, every secret redacted.</summary>
    public string Describe(Uri address) =>
        _redactor.Redact(QueryString.Masked(address, _options.Auth is { Type: RestAuthType.ApiKey, ApiKeyInQuery: true } a ? a.ApiKeyName : null));

    public SourceAccessException Failure(string stage, string message, Exception? inner = null) => new(stage, _redactor.Redact(message), inner);

    public static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= ExcerptLength ? $"'{flat}'" : $"'{flat[..ExcerptLength]}…'";
    }

    /// <summary>GETs a page; a 401/403 is retried once with a new OAuth2 token, then reported as an authentication failure.</summary>
    public async Task<RestResponse> GetAsync(Uri address, CancellationToken ct)
    {
        var described = Describe(address);
        for (var attempt = 0; ; attempt++)
        {
            var token = _tokens is null ? null : await _tokens.GetAsync(this, ct).ConfigureAwait(false);
            using var response = await SendAsync(() => BuildGet(address, token), described, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                if (_tokens is not null && token is not null && attempt == 0)
                {
                    _tokens.Invalidate(token);
                    continue;
                }

                throw Failure("authenticate", $"The source refused the credentials of source.auth ({_options.Auth.Type}): GET {described} answered HTTP {status} {response.ReasonPhrase}. Check the credentials and the rights of the account.");
            }

            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var retried = _options.Resilience.MaxRetries > 0 && IsTransient(response.StatusCode) ? $" (after {_options.Resilience.MaxRetries} retries)" : "";
                throw Failure("read", $"GET {described} answered HTTP {status} {response.ReasonPhrase}{retried}: {Excerpt(body)}");
            }

            var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
            return new RestResponse(address, described, status, body, links);
        }
    }

    /// <summary>Sends a request (built afresh for each attempt) through the resilience pipeline.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string described, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RestResiliencePipelines.RequestDescription, described);
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, state) =>
            {
                using var request = state.build();
                return await state.client.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
            }, context, (build, client: _client)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Failure("connect", $"{described} did not answer within {ex.Timeout} (source.resilience.attemptTimeout {_options.Resilience.AttemptTimeout}, totalTimeout {_options.Resilience.TotalTimeout}).", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw Failure("connect", $"{described} is not called for now: the source failed too often (circuit open for {_options.Resilience.BreakDuration}, source.resilience.circuitBreaker).", ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw Failure("connect", $"{described} was not sent: the rate limit of the connector rejected it.", ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw Failure("read", $"{described} answered more than the limit of {_client.MaxResponseContentBufferSize:N0} bytes (rule: Hub:Limits:MaxResponseBytes); ask the source for smaller pages (source.pageSize).", ex);
        }
        catch (HttpRequestException ex)
        {
            var stage = ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError ? "connect" : "read";
            var what = stage == "connect" ? "could not be reached" : "failed";
            throw Failure(stage, $"{described} {what} ({ex.HttpRequestError}): {ex.Message}", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpRequestMessage BuildGet(Uri address, string? oauthToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in _options.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        var auth = _options.Auth;
        switch (auth.Type)
        {
            case RestAuthType.ApiKey when !auth.ApiKeyInQuery:
                request.Headers.Remove(auth.ApiKeyName);
                request.Headers.TryAddWithoutValidation(auth.ApiKeyName, auth.ApiKey);
                break;
            case RestAuthType.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Token);
                break;
            case RestAuthType.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicValue(auth.Username!, auth.Password!));
                break;
            case RestAuthType.OAuth2ClientCredentials:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oauthToken);
                break;
        }

        return request;
    }

    private static string BasicValue(string username, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
