namespace IntegrationHub.Host.Configuration;

public sealed class BusOptions
{
    /// <summary><c>inmemory</c> (default, in this process only) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = "inmemory";

    public string Host { get; set; } = "127.0.0.1";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";
}
