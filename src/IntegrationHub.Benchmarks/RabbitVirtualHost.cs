using System.Net.Http.Headers;
using System.Text;

namespace IntegrationHub.Benchmarks;

/// <summary>A RabbitMQ virtual host of the run's own (through the management API), so no other hub consumes its batches.</summary>
internal static class RabbitVirtualHost
{
    public static async Task<string> CreateAsync(BenchmarkOptions options)
    {
        var name = $"bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        using var http = Management();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{name}/guest", new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json")))
            .EnsureSuccessStatusCode();
        _ = options;
        return name;
    }

    public static async Task DeleteAsync(BenchmarkOptions options, string name)
    {
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{name}");
        _ = options;
    }

    /// <summary>How many consumers a queue of the virtual host has (0 while it is not declared yet).</summary>
    public static async Task<int> ConsumersAsync(string name, string queue)
    {
        using var http = Management();
        using var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
            return 0;
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0;
    }

    private static HttpClient Management()
    {
        var port = Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_MANAGEMENT_PORT")
            ?? throw new InvalidOperationException("Give --vhost, or set HUB_TEST_RABBITMQ_MANAGEMENT_PORT (services.sh does) so the benchmark makes a virtual host of its own.");
        var http = new HttpClient { BaseAddress = new Uri($"http://{Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_HOST") ?? "127.0.0.1"}:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        return http;
    }
}
