using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// A departmental HTTP API (a real Kestrel server on loopback) serving sample rows page by page
/// (<c>/cases?page=N&amp;pageSize=M</c>, wrapped as <c>{"code":0,"data":{"items":[…],"total":n}}</c>) that misbehaves on
/// purpose: first one of each <see cref="SourceFault"/>, then faults at random — 500 and 429 storms, slow answers,
/// bodies cut mid-way, connections reset, truncated JSON.
/// </summary>
public sealed class FaultyDepartmentApi : IAsyncDisposable
{
    private static readonly SourceFault[] Scripted =
        [SourceFault.ServerError, SourceFault.TooManyRequests, SourceFault.Slow, SourceFault.CutMidBody, SourceFault.Reset, SourceFault.TruncatedJson];

    private readonly byte[][] _rows;
    private readonly Random _random;
    private readonly double _faultShare;
    private readonly Lock _gate = new();
    private readonly Dictionary<SourceFault, int> _injected = [];
    private DepartmentApi _api = null!;
    private int _scripted;
    private int _requests;
    private (SourceFault Fault, int Left) _storm;

    private FaultyDepartmentApi(IEnumerable<SampleRow> rows, int seed, double faultShare)
    {
        _rows = [.. rows.Select(r => Encoding.UTF8.GetBytes(SampleJsonRows.ToJson(r).ToJsonString(SampleJsonRows.Raw)))];
        _random = new Random(seed);
        _faultShare = faultShare;
    }

    public Uri CasesUrl => _api.Url("/cases");

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<SourceFault, int> Injected
    {
        get
        {
            lock (_gate)
                return new Dictionary<SourceFault, int>(_injected);
        }
    }

    public int Injections => Injected.Where(i => i.Key != SourceFault.None).Sum(i => i.Value);

    /// <param name="faultShare">Share of the requests after the scripted ones that begin a fault (a storm counts once).</param>
    public static async Task<FaultyDepartmentApi> StartAsync(IEnumerable<SampleRow> rows, int seed, double faultShare)
    {
        var api = new FaultyDepartmentApi(rows, seed, faultShare);
        api._api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", api.ServeAsync));
        return api;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var page = int.Parse(context.Request.Query["page"].ToString(), CultureInfo.InvariantCulture);
        var size = int.Parse(context.Request.Query["pageSize"].ToString(), CultureInfo.InvariantCulture);
        var body = Page(page, size);
        var (fault, pause) = Next();
        var response = context.Response;
        switch (fault)
        {
            case SourceFault.ServerError:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                await response.WriteAsync("数据库连接池耗尽 (connection pool exhausted)");
                return;
            case SourceFault.TooManyRequests:
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "1";
                return;
            case SourceFault.Slow:
                await Task.Delay(pause, context.RequestAborted);
                break;
            case SourceFault.CutMidBody:
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                await response.Body.FlushAsync();
                context.Abort();
                return;
            case SourceFault.Reset:
                context.Abort();
                return;
            case SourceFault.TruncatedJson:
                body = body[..(body.Length / 2)];
                break;
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    private (SourceFault Fault, TimeSpan Pause) Next()
    {
        lock (_gate)
        {
            _requests++;
            SourceFault fault;
            if (_storm.Left > 0)
            {
                _storm.Left--;
                return (_storm.Fault, TimeSpan.Zero);
            }

            // The scripted faults every other request at first: each kind is met, whatever the size of the source.
            if (_scripted < Scripted.Length && _requests % 2 == 0)
                fault = Scripted[_scripted++];
            else if (_scripted >= Scripted.Length && _random.NextDouble() < _faultShare)
                fault = Scripted[_random.Next(Scripted.Length)];
            else
                fault = SourceFault.None;

            _injected[fault] = _injected.GetValueOrDefault(fault) + 1;
            if (fault is SourceFault.ServerError or SourceFault.TooManyRequests)
                _storm = (fault, _random.Next(1, 7));
            return (fault, TimeSpan.FromMilliseconds(_random.Next(300, 3_000)));
        }
    }

    private byte[] Page(int page, int size)
    {
        using var json = new MemoryStream();
        json.Write("{\"code\":0,\"data\":{\"items\":["u8);
        foreach (var (row, i) in _rows.Skip((page - 1) * size).Take(size).Select((row, i) => (row, i)))
        {
            if (i > 0)
                json.WriteByte((byte)',');
            json.Write(row);
        }

        json.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"],\"total\":{_rows.Length}}}}}")));
        return json.ToArray();
    }

    /// <summary>The connector definition (with the bundled ecology mapping) that reads this API with fast retries.</summary>
    public JsonObject Source(int pageSize) => new()
    {
        ["url"] = CasesUrl.AbsoluteUri,
        ["recordsPath"] = "data.items",
        ["pageSize"] = pageSize,
        ["pagination"] = new JsonObject { ["type"] = "page" },
        ["resilience"] = new JsonObject
        {
            ["maxRetries"] = 4,
            ["baseDelay"] = "00:00:00.2",
            ["maxDelay"] = "00:00:02",
            ["attemptTimeout"] = "00:00:02",
            ["totalTimeout"] = "00:00:30",
            ["requestsPerSecond"] = 1000,
            ["circuitBreaker"] = new JsonObject { ["failureRatio"] = 0.5, ["minimumThroughput"] = 10, ["samplingDuration"] = "00:00:30", ["breakDuration"] = "00:00:05" },
        },
    };

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
