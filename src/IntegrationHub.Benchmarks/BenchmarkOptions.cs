using System.Globalization;

namespace IntegrationHub.Benchmarks;

internal sealed record BenchmarkOptions(
    string Mode, int Records, string Stack, int CasesPerDepartment, int Seed, string ConnectorsDirectory,
    string? Postgres, string RabbitHost, ushort RabbitPort, string? RabbitVirtualHost, long CsvMegabytes = 2048, long XlsxMegabytes = 500,
    int ChangesPerSecond = 1000, int ChangeSeconds = 60, int BacklogChanges = 100_000, int Workers = 0, string? WorkDirectory = null, int WebhookEvents = 1, int WarmupSeconds = 0)
{
    public const string Usage = """
        IntegrationHub benchmark: syncs generated department records end to end and prints throughput and memory;
        or, with --mode indicators, fills the store with golden records and times the indicator reports.

          --mode pipeline|indicators|files|cdc  what to measure (default pipeline)
          --csv-mb N, --xlsx-mb N       files: size of the generated CSV and XLSX (default 2048 and 500)
          --records N                   indicators: golden records to generate; cdc: rows of the source table
                                        (default 1000000)
          --rate N, --seconds N         cdc: steady source changes per second, and for how long (default 1000, 60)
          --backlog N                   cdc: changes of a burst written faster than the hub reads, at most the
                                        table's valid rows (default 100000)
          --webhook-events N            cdc: events per webhook request, the endpoint's maxEventsPerRequest (default 1:
                                        each event alone; more: CloudEvents batches)
          --warmup N                    cdc: first N seconds of changes at the same rate, not measured, all
                                        delivered before the measured ones start (default 0: the change path starts
                                        cold, as right after a start)

          --stack embedded|production   SQLite + in-memory bus (default), or PostgreSQL + RabbitMQ
          --workers N                   production: run the pipeline in N separate worker processes (this process is
                                        the api role) and print the CPU time of each, PostgreSQL's and RabbitMQ's;
                                        0 (default): one process, hub in-process, with stage times and the limit
          --cases N                     cases per sample department (default 50000; two departments)
          --seed N                      generator seed (default 1)
          --work DIR                    keep the stores, sources and files in DIR for inspection (default: a
                                        temporary directory, removed at the end)
          --connectors DIR              bundled connector definitions (default ./connectors)
          --postgres CS                 production, and cdc on either stack (the source): an admin connection
                                        string of a server with wal_level = logical (default $HUB_TEST_POSTGRES)
          --rabbit HOST:PORT            production: RabbitMQ (default $HUB_TEST_RABBITMQ_HOST:$HUB_TEST_RABBITMQ_PORT)
          --vhost NAME                  production: RabbitMQ virtual host (default: a new one, made and removed
                                        through the management API at $HUB_TEST_RABBITMQ_MANAGEMENT_PORT)

        For the production stack, `source "$(bash deploy/scripts/services.sh start)"` first.
        """;

    public static BenchmarkOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h" || !args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return null;
            values[args[i][2..]] = args[++i];
        }

        var stack = values.GetValueOrDefault("stack", "embedded");
        if (stack is not ("embedded" or "production"))
            return null;
        var rabbit = values.GetValueOrDefault("rabbit",
            $"{Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_HOST") ?? "127.0.0.1"}:{Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_PORT") ?? "5672"}").Split(':');
        var postgres = values.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES");
        if (stack != "production" && values.ContainsKey("workers"))
            return null;
        var mode = values.GetValueOrDefault("mode", "pipeline");
        if (mode is not ("pipeline" or "indicators" or "files" or "cdc"))
            return null;
        if ((stack == "production" || mode == "cdc") && postgres is null)
            return null;
        // A burst changes each valid row once: more changes than rows can never all be seen stored (checked again, against
        // the valid rows, once the table is generated).
        var records = int.Parse(values.GetValueOrDefault("records", "1000000"), CultureInfo.InvariantCulture);
        var backlog = int.Parse(values.GetValueOrDefault("backlog", "100000"), CultureInfo.InvariantCulture);
        if (mode == "cdc" && (backlog <= 0 || backlog > records))
            return null;
        return new BenchmarkOptions(
            mode,
            records,
            stack,
            int.Parse(values.GetValueOrDefault("cases", "50000"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture),
            Path.GetFullPath(values.GetValueOrDefault("connectors", "connectors")),
            postgres,
            rabbit[0],
            ushort.Parse(rabbit[1], CultureInfo.InvariantCulture),
            values.GetValueOrDefault("vhost"),
            long.Parse(values.GetValueOrDefault("csv-mb", "2048"), CultureInfo.InvariantCulture),
            long.Parse(values.GetValueOrDefault("xlsx-mb", "500"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("rate", "1000"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("seconds", "60"), CultureInfo.InvariantCulture),
            backlog,
            int.Parse(values.GetValueOrDefault("workers", "0"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("work") is { } work ? Path.GetFullPath(work) : null,
            int.Parse(values.GetValueOrDefault("webhook-events", "1"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("warmup", "0"), CultureInfo.InvariantCulture));
    }
}
