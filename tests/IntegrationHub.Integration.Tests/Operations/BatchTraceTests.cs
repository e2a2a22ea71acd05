using System.Diagnostics;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using OpenTelemetry.Trace;

namespace IntegrationHub.Integration.Tests.Operations;

public sealed class BatchTraceTests
{
    private static readonly string[] Stages = ["connector.read_page", "normalizer.normalize", "store.commit"];

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task OneBatch_IsOneTrace_FromThePageReadThroughTheBusNormalizerAndStoreToTheWebhookDelivery(HubStack stack)
    {
        var department = SampleDepartment.MarketRegulation;
        var spans = new ExportedSpans();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sources = await SampleSources.CreateAsync(stack, 30);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, WebhookTesting.Settings(),
            services: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await hub.CreateSubscriptionAsync("supervision");
        await hub.SetWebhookAsync("supervision", receiver.Url);
        var run = await hub.RunAsync(department.Id);
        Assert.Equal("completed", run["status"]!.GetValue<string>());

        // A span is exported when it ends, just after the commit the run waited for: wait for the batch's whole trace.
        var trace = await WaitForTraceAsync(spans, department.Id);

        Assert.All(Stages, stage => Assert.Contains(trace, s => s.Source.Name == HubTelemetry.Name && s.OperationName == stage));
        Assert.Contains(trace, s => s.Source.Name == "MassTransit"); // the bus carried the context in its headers
        var read = trace.Single(s => s.OperationName == "connector.read_page");
        var store = trace.Single(s => s.OperationName == "store.commit");
        Assert.Equal(department.Id, store.GetTagItem(HubTelemetry.ConnectorTag));
        Assert.Equal(read.TraceId, store.TraceId);
        Assert.Equal(default, read.ParentSpanId); // the page read starts the trace

        // The change log keeps the commit's trace context, so each webhook delivery of the batch's records joins it.
        await receiver.WaitForDistinctAsync(1);
        await WebhookTesting.WaitUntilAsync(
            () => Task.FromResult(spans.ToList().Any(s => s.OperationName == "feed.deliver" && s.TraceId == read.TraceId)),
            "a feed.deliver span in the batch's trace");
        var delivery = spans.ToList().First(s => s.OperationName == "feed.deliver" && s.TraceId == read.TraceId);
        Assert.Equal("supervision", delivery.GetTagItem(HubTelemetry.SubscriptionTag));
        Assert.Equal("delivered", delivery.GetTagItem("hub.feed.outcome"));
        Assert.Equal(store.SpanId, delivery.ParentSpanId);
    }

    private static async Task<List<Activity>> WaitForTraceAsync(ExportedSpans spans, string connectorId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var all = spans.ToList();
            var complete = all
                .Where(s => s.OperationName == "connector.read_page" && Equals(s.GetTagItem(HubTelemetry.ConnectorTag), connectorId)
                    && (int)s.GetTagItem("hub.batch.records")! > 0)
                .Select(read => all.Where(s => s.TraceId == read.TraceId).ToList())
                .FirstOrDefault(trace => Stages.All(stage => trace.Any(s => s.OperationName == stage)));
            if (complete is not null || DateTime.UtcNow > deadline)
                return complete ?? [];
            await Task.Delay(50);
        }
    }
}
