using System.Net;
using System.Text.Json;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Operations;

/// <summary>
/// Sends an alert to every configured operator webhook, signed like subscriber webhooks (Standard Webhooks, one
/// <c>webhook-id</c> per alert, kept across retries) and under the same egress policy (https unless relaxed, blocked
/// address ranges unless allowed). A webhook that stays unreachable is logged; the alert stays listed in the store.
/// </summary>
public sealed partial class OperatorAlertSender : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly AlertOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OperatorAlertSender> _logger;
    private readonly HttpClient _http;
    private readonly List<(Uri Url, WebhookSecret Secret)> _webhooks;

    public OperatorAlertSender(IOptions<AlertOptions> options, TimeProvider clock, ILogger<OperatorAlertSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _webhooks = [.. _options.Webhooks.Select((w, i) => (
            w.Url ?? throw new OptionsValidationException($"Hub:Alerts:Webhooks:{i}:Url", typeof(AlertOptions), [$"Hub:Alerts:Webhooks:{i}:Url is required."]),
            WebhookSecret.TryParse(w.Secret, out var secret) ? secret
                : throw new OptionsValidationException($"Hub:Alerts:Webhooks:{i}:Secret", typeof(AlertOptions), [$"Hub:Alerts:Webhooks:{i}:Secret must be whsec_ followed by base64 of 24 to 64 bytes."])))];
        var policy = new EgressPolicy
        {
            RequireHttps = _options.RequireHttps,
            AllowedRanges = [.. _options.AllowedRanges.Select(IPNetwork.Parse)],
        };
        foreach (var (url, _) in _webhooks)
        {
            if (policy.CheckTarget(url) is { } refused && !IsAllowedLiteral(policy, url))
                throw new OptionsValidationException("Hub:Alerts:Webhooks", typeof(AlertOptions), [$"Hub:Alerts:Webhooks url '{url}' is refused: {refused}."]);
        }

        _http = new HttpClient(policy.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A literal address in an allowed range passes although <see cref="EgressPolicy.CheckTarget"/> flags the
    /// host name <c>localhost</c>; the connect-time check still applies.</summary>
    private static bool IsAllowedLiteral(EgressPolicy policy, Uri url) =>
        IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && policy.FindBlockingRule(address) is null
        && (url.Scheme == Uri.UriSchemeHttps || !policy.RequireHttps);

    public async Task SendAsync(OperatorAlert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_webhooks.Count == 0)
            return;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = $"hub.alert.{alert.SubjectKind}",
            id = alert.Id,
            subject = new { kind = alert.SubjectKind, id = alert.SubjectId },
            state = alert.State,
            previousState = alert.PreviousState,
            reason = alert.Reason,
            raisedAt = alert.RaisedAt,
        }, Json);
        var messageId = $"alert_{alert.Id}";
        foreach (var (url, secret) in _webhooks)
            await DeliverAsync(url, secret, messageId, body, ct).ConfigureAwait(false);
    }

    private async Task DeliverAsync(Uri url, WebhookSecret secret, string messageId, byte[] body, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                WebhookSigner.Headers(messageId, _clock.GetUtcNow(), body, [secret]).ApplyTo(request.Headers);
                using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return;
                LogAttemptFailed(_logger, null, url.GetLeftPart(UriPartial.Path), attempt, $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                LogAttemptFailed(_logger, ex, url.GetLeftPart(UriPartial.Path), attempt, ex.Message);
            }

            if (attempt < _options.Attempts)
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), _clock, ct).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator alert webhook {Url}: attempt {Attempt} failed ({Why})")]
    private static partial void LogAttemptFailed(ILogger logger, Exception? exception, string url, int attempt, string why);
}
