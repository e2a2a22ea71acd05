using System.Globalization;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// Where one set of test services listens: the shared PostgreSQL and RabbitMQ that deploy/scripts/test.sh starts
/// (<see cref="Shared"/>), or a private server a fault test starts, stops and starts again without touching the others.
/// </summary>
public sealed record ServiceEndpoints
{
    public required string PostgresAdmin { get; init; }

    public required string RabbitHost { get; init; }

    public required ushort RabbitPort { get; init; }

    public required ushort RabbitManagementPort { get; init; }

    public string RabbitUser { get; init; } = "guest";

    public string RabbitPassword { get; init; } = "guest";

    public static ServiceEndpoints Shared => new()
    {
        PostgresAdmin = TestServices.PostgresAdmin,
        RabbitHost = TestServices.RabbitHost,
        RabbitPort = TestServices.RabbitPort,
        RabbitManagementPort = ushort.Parse(TestServices.Required("HUB_TEST_RABBITMQ_MANAGEMENT_PORT"), CultureInfo.InvariantCulture),
        RabbitUser = TestServices.RabbitUser,
        RabbitPassword = TestServices.RabbitPassword,
    };
}
