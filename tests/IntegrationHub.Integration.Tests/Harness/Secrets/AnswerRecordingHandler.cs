namespace IntegrationHub.Integration.Tests.Harness.Secrets;

/// <summary>For a hub in another process (<see cref="HubProcess"/>): the answers its test client gets, into the transcript.</summary>
public sealed class AnswerRecordingHandler(SecretTranscript transcript) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        transcript.Write(AnswerRecorder.Describe(transcript, request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode,
            response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"),
            response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }
}
