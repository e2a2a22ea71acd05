namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>The two ways the hub runs: embedded (SQLite + in-memory bus) and production (PostgreSQL + RabbitMQ).</summary>
public enum HubStack
{
    Embedded,
    Production,
}
