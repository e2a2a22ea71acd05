using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Mapping.Validation;
using Json.Schema;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>deploy/compose/compose.yaml is a valid Compose file whose parts fit together, without a Docker engine.</summary>
public sealed partial class ComposeFileTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    /// <summary>
    /// The vendored schema, read with two corrections that leave the file as published: its meta-schema is named
    /// http://…/2019-09/schema#, which JsonSchema.Net knows by its https identifier; and its "duration" format means
    /// Go's durations (<c>1m30s</c>), as Compose reads them, not ISO 8601's, so it is checked as "compose-duration".
    /// </summary>
    private static JsonSchema LoadSchema()
    {
        Formats.Register(new RegexFormat("compose-duration", @"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"));
        return JsonSchema.FromText(File.ReadAllText(RepositoryRoot.Combine("tests", "IntegrationHub.Core.Tests", "Deploy", "Schemas", "compose-spec.json"))
            .Replace("\"http://json-schema.org/draft/2019-09/schema#\"", "\"https://json-schema.org/draft/2019-09/schema\"", StringComparison.Ordinal)
            .Replace("\"format\": \"duration\"", "\"format\": \"compose-duration\"", StringComparison.Ordinal));
    }

    [Fact]
    public void TheComposeFile_IsValidAgainstTheComposeSpecificationSchema()
    {
        var results = SchemaGate.Evaluate(Schema.Value, ComposeStack.File, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true });

        Assert.True(results.IsValid, "compose.yaml does not match the Compose Specification:\n" + string.Join('\n', Errors(results)));
    }

    [Fact]
    public void TheSchema_RejectsAKeyComposeDoesNotKnow()
    {
        // The check above can fail: an unknown service key (a typo of "healthcheck") is rejected.
        var broken = JsonNode.Parse(ComposeStack.File.ToJsonString())!;
        broken["services"]!["api"]!["healtcheck"] = new JsonObject { ["interval"] = "10s" };

        Assert.False(SchemaGate.Evaluate(Schema.Value, broken, new EvaluationOptions()).IsValid);
    }

    [Fact]
    public void TheSchema_RejectsADurationComposeCannotRead()
    {
        var broken = JsonNode.Parse(ComposeStack.File.ToJsonString())!;
        broken["services"]!["api"]!["stop_grace_period"] = "one minute";

        Assert.False(SchemaGate.Evaluate(Schema.Value, broken, new EvaluationOptions { RequireFormatValidation = true }).IsValid);
        Assert.True(SchemaGate.Evaluate(Schema.Value, ComposeStack.File, new EvaluationOptions { RequireFormatValidation = true }).IsValid);
    }

    [Fact]
    public void ThePostgresRabbitMqApiWorkerAndMonitoringServices_AreAllThere()
    {
        Assert.Equal(
            ["api", "grafana", "otel-collector", "postgres", "prometheus", "rabbitmq", "worker"],
            ComposeStack.ServiceNames.Order(StringComparer.Ordinal).ToArray());
        Assert.EndsWith("-management", ComposeStack.Service("rabbitmq")["image"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHubServices_RunOneRoleEach_AndSeveralWorkers()
    {
        Assert.Equal("api", ComposeStack.Environment("api")["Hub__Roles"]);
        Assert.Equal("worker", ComposeStack.Environment("worker")["Hub__Roles"]);
        Assert.True(ComposeStack.Service("worker")["deploy"]!["replicas"]!.GetValue<long>() >= 2, "the worker role runs replicated");
        Assert.Null(ComposeStack.Service("worker")["ports"]);
        Assert.Contains(":8080", ComposeStack.Service("api")["ports"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryHubService_MountsTheSameKeyRingVolume_AtItsKeysDirectory_AndTheSameDataVolume()
    {
        foreach (var service in ComposeStack.HubServices)
        {
            var environment = ComposeStack.Environment(service);
            var volumes = ComposeStack.Volumes(service).ToDictionary(v => v.Target, v => v.Source, StringComparer.Ordinal);

            Assert.Equal("hub-keys", volumes[environment["Hub__KeysDirectory"]!]);
            Assert.Equal("hub-data", volumes[environment["Hub__DataDirectory"]!]);
        }

        Assert.True(ComposeStack.File["volumes"]!.AsObject().ContainsKey("hub-keys"));
    }

    [Fact]
    public void EveryHubService_UsesPostgresAndRabbitMq_WithPasswordsFromSecretFiles()
    {
        foreach (var service in ComposeStack.HubServices)
        {
            var environment = ComposeStack.Environment(service);
            Assert.Equal("postgres", environment["Hub__Store__Provider"]);
            Assert.Equal("rabbitmq", environment["Hub__Bus__Transport"]);
            Assert.Equal("rabbitmq", environment["Hub__Bus__Host"]);
            Assert.Equal("/run/secrets/hub_store_connection", environment["Hub__Store__ConnectionString_FILE"]);
            Assert.Equal("/run/secrets/rabbitmq_password", environment["Hub__Bus__Password_FILE"]);
            Assert.Contains("hub_store_connection", ComposeStack.References(service, "secrets"));
            Assert.Contains("rabbitmq_password", ComposeStack.References(service, "secrets"));
        }
    }

    [Fact]
    public void NoServiceSetsAPasswordOrConnectionStringInItsEnvironment_OnlyFilesOfSecrets()
    {
        var literal = ComposeStack.ServiceNames
            .SelectMany(service => ComposeStack.Environment(service).Select(e => (service, e.Key)))
            .Where(e => SecretLike().IsMatch(e.Key) && !e.Key.EndsWith("_FILE", StringComparison.Ordinal))
            .Select(e => $"{e.service}: {e.Key}")
            .ToList();

        Assert.Empty(literal);
    }

    [Fact]
    public void EverySecretVolumeAndServiceAServiceNames_IsDefined()
    {
        var secrets = ComposeStack.File["secrets"]!.AsObject().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var volumes = ComposeStack.File["volumes"]!.AsObject().Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var services = ComposeStack.ServiceNames.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var service in services)
        {
            problems.AddRange(ComposeStack.References(service, "secrets").Where(s => !secrets.Contains(s)).Select(s => $"{service}: secret {s}"));
            problems.AddRange(ComposeStack.Volumes(service).Select(v => v.Source)
                .Where(source => !source.StartsWith('.') && !source.StartsWith('/') && !volumes.Contains(source))
                .Select(source => $"{service}: volume {source}"));
            problems.AddRange(DependsOn(service).Select(d => d.Service).Where(d => !services.Contains(d)).Select(d => $"{service}: depends on {d}"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryServiceWaitedForUntilHealthy_HasAHealthCheck_AndTheHubsCheckIsReadiness()
    {
        foreach (var service in ComposeStack.ServiceNames)
        {
            foreach (var (dependency, condition) in DependsOn(service))
            {
                if (condition == "service_healthy")
                    Assert.NotNull(ComposeStack.Service(dependency)["healthcheck"]);
            }
        }

        foreach (var service in ComposeStack.HubServices)
            Assert.Contains("http://127.0.0.1:8080/health/ready", ComposeStack.Service(service)["healthcheck"]!["test"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public void EveryFileMountedFromTheRepository_Exists()
    {
        var missing = ComposeStack.ServiceNames
            .SelectMany(service => ComposeStack.Volumes(service).Select(v => (service, v.Source)))
            .Where(v => v.Source.StartsWith("./", StringComparison.Ordinal))
            .Where(v => !File.Exists(ComposeStack.Path(v.Source)) && !Directory.Exists(ComposeStack.Path(v.Source)))
            .Select(v => $"{v.service}: {v.Source}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryVariableTheFileUses_HasADefaultOrIsInTheEnvExample_AndTheExampleHoldsNoUnusedOne()
    {
        var text = File.ReadAllText(ComposeStack.Path("compose.yaml"));
        var example = File.ReadLines(ComposeStack.Path(".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        var used = Interpolation().Matches(text).Select(m => (Name: m.Groups["name"].Value, HasDefault: m.Groups["default"].Success)).ToList();

        Assert.Empty(used.Where(u => !u.HasDefault && !example.Contains(u.Name)).Select(u => u.Name));
        // COMPOSE_* variables are Compose's own (the project name), not the file's.
        Assert.DoesNotContain(example, name => !name.StartsWith("COMPOSE_", StringComparison.Ordinal) && used.All(u => u.Name != name));
    }

    [Fact]
    public void DockerComposeItself_AcceptsTheFile_WithTheExampleSettings()
    {
        // A second, independent reader: Debian's docker-compose (v1) interpolates, merges and validates without an
        // engine (deploy/scripts/test.sh installs it when missing).
        var compose = ToolRun.Find("docker-compose") ?? throw new InvalidOperationException(
            "docker-compose is not on PATH: `apt-get install docker-compose` (deploy/scripts/test.sh does it when missing).");

        var run = ToolRun.Start(compose, ["--env-file", ".env.example", "--file", "compose.yaml", "config", "--quiet"], workingDirectory: ComposeStack.Path());

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>
    /// The failed assertions of an evaluation, deepest first. Only failed nodes are entered: the branches of a oneOf
    /// that passed failed as they should and are no error.
    /// </summary>
    private static IEnumerable<string> Errors(EvaluationResults results) =>
        results.IsValid
            ? []
            : results.Details.SelectMany(Errors)
                .Concat((results.Errors ?? new Dictionary<string, string>()).Select(e => $"{results.InstanceLocation}: {e.Key}: {e.Value} (schema {results.EvaluationPath})"));

    private static IEnumerable<(string Service, string Condition)> DependsOn(string service) =>
        ComposeStack.Service(service)["depends_on"] switch
        {
            JsonObject map => map.Select(d => (d.Key, d.Value!["condition"]!.GetValue<string>())),
            JsonArray list => list.Select(d => (d!.GetValue<string>(), "service_started")),
            _ => [],
        };

    [GeneratedRegex("(?i)password|connectionstring|secret")]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<default>:?-[^}]*)?\}")]
    private static partial Regex Interpolation();
}
