using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// One read of a rest source as a sequence of requests: which address comes next, and the checkpoint after each page.
/// The "updated since" value is fixed for the whole read (resumed reads keep it), so that pages do not shift under it.
/// </summary>
internal sealed class RestRead
{
    private readonly RestSourceOptions _options;
    private readonly string? _since;
    private RestPosition _position;
    private DateTimeOffset? _maxSeen;

    public RestRead(RestSourceOptions options, RestCheckpoint checkpoint)
    {
        _options = options;
        _maxSeen = checkpoint.MaxSeen;
        if (checkpoint.Next is { } resume)
        {
            _position = resume;
            _since = checkpoint.Since;
            return;
        }

        _position = options.Pagination.Start;
        _since = options.Incremental switch
        {
            null => null,
            { } incremental when checkpoint.MaxSeen is { } max => incremental.Format.Write(max - incremental.Overlap),
            { } incremental => incremental.InitialValue,
        };
    }

    /// <summary>The read has yielded its last page.</summary>
    public bool Finished { get; private set; }

    public Uri NextAddress()
    {
        var pagination = _options.Pagination;
        var parameters = new List<KeyValuePair<string, string>>(_options.QueryParameters);
        if (_since is not null && _options.Incremental is { } incremental)
            parameters.Add(new(incremental.Parameter, _since));
        switch (pagination.Style)
        {
            case RestPaginationStyle.Page:
                parameters.Add(new(pagination.PageParameter, Invariant(_position.Page ?? pagination.FirstPage)));
                break;
            case RestPaginationStyle.Offset:
                parameters.Add(new(pagination.OffsetParameter, Invariant(_position.Offset ?? 0)));
                break;
            case RestPaginationStyle.Cursor when _position.Cursor is not null:
                parameters.Add(new(pagination.CursorParameter, _position.Cursor));
                break;
        }

        // A next link carries its own paging parameters; every other request says how many records it wants.
        if (pagination.SizeParameter is not null && _position.Url is null)
            parameters.Add(new(pagination.SizeParameter, Invariant(_options.PageSize)));
        if (_options.Auth is { Type: RestAuthType.ApiKey, ApiKeyInQuery: true } auth)
            parameters.Add(new(auth.ApiKeyName, auth.ApiKey!));
        return QueryString.With(_position.Url is { } next ? new Uri(next) : _options.Url, parameters);
    }

    /// <summary>The page of <paramref name="records"/> with the checkpoint that resumes right after it.</summary>
    public SourcePage Advance(RestResponse response, JsonNode? body, IReadOnlyList<SourceRecord> records, RestSender sender)
    {
        if (_options.Incremental is { } incremental)
        {
            foreach (var record in records)
            {
                if (incremental.Format.Read(incremental.Field.Select(record.Data)) is { } updated && (_maxSeen is null || updated > _maxSeen))
                    _maxSeen = updated;
            }
        }

        // An empty page ends every read; so does a page without a way to the next one.
        var next = records.Count == 0 ? null : _options.Pagination.Style switch
        {
            RestPaginationStyle.Page => _position with { Page = (_position.Page ?? _options.Pagination.FirstPage) + 1 },
            RestPaginationStyle.Offset => _position with { Offset = (_position.Offset ?? 0) + records.Count },
            RestPaginationStyle.Cursor => NextCursor(response, body, sender),
            RestPaginationStyle.Link => NextLink(response, sender),
            _ => null,
        };
        if (next is null)
        {
            Finished = true;
            return new SourcePage(records, RestCheckpoint.Completed(_maxSeen).Serialize());
        }

        _position = next;
        return new SourcePage(records, new RestCheckpoint(_since, next, _maxSeen).Serialize());
    }

    private RestPosition? NextCursor(RestResponse response, JsonNode? body, RestSender sender)
    {
        var path = _options.Pagination.CursorPath!;
        var cursor = path.Select(body) switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(cursor))
            return null;
        if (cursor == _position.Cursor)
            throw sender.Failure("read", $"GET {response.Described} gave the same cursor at '{path}' as the page before it; the read would never end.");
        return new RestPosition { Cursor = cursor };
    }

    private RestPosition? NextLink(RestResponse response, RestSender sender)
    {
        if (LinkHeader.Find(response.Links, "next", response.RequestUri) is not { } link)
            return null;
        // A source that repeats the API key in its links must not have it stored in the checkpoint.
        if (_options.Auth is { Type: RestAuthType.ApiKey, ApiKeyInQuery: true } auth)
            link = QueryString.Without(link, auth.ApiKeyName);
        var current = _options.Auth is { Type: RestAuthType.ApiKey, ApiKeyInQuery: true } a ? QueryString.Without(response.RequestUri, a.ApiKeyName) : response.RequestUri;
        if (link == current)
            throw sender.Failure("read", $"GET {response.Described} has a Link rel=\"next\" to itself; the read would never end.");
        return new RestPosition { Url = link.AbsoluteUri };
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
