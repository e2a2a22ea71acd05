namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>deploy/compose/init-secrets.sh makes every secret file compose.yaml names, and they agree with each other.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ComposeSecretsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hub-compose-secrets-" + Guid.NewGuid().ToString("N"));

    private string Secret(string name) => File.ReadAllText(Path.Combine(_folder, name));

    private ToolRun Init() => ToolRun.Start("bash", [ComposeStack.Path("init-secrets.sh"), _folder]);

    [Fact]
    public void InitSecrets_MakesEveryFileTheComposeFileNames_InAFolderOnlyItsOwnerReads()
    {
        var run = Init();

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var (name, secret) in ComposeStack.File["secrets"]!.AsObject())
        {
            var file = secret!["file"]!.GetValue<string>();
            Assert.StartsWith("./secrets/", file, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_folder, file["./secrets/".Length..])), $"init-secrets.sh made no file for the secret {name} ({file})");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
    }

    [Fact]
    public void InitSecrets_PutsThePasswordsIntoTheHubsConnectionStringAndRabbitMqsUser()
    {
        Assert.Equal(0, Init().ExitCode);

        var postgres = Secret("postgres_password");
        var rabbit = Secret("rabbitmq_password");
        Assert.Matches("^[0-9a-f]{48}$", postgres);
        Assert.NotEqual(postgres, rabbit);
        Assert.Equal($"Host=postgres;Port=5432;Database=hub;Username=hub;Password={postgres}", Secret("hub_store_connection"));
        Assert.Equal($"default_user = hub\ndefault_pass = {rabbit}\n", Secret("rabbitmq-user.conf"));
        Assert.Equal("hub", ComposeStack.Environment("api")["Hub__Bus__Username"]);
    }

    [Fact]
    public void InitSecrets_RunAgain_KeepsTheSecretsItMadeBefore()
    {
        Assert.Equal(0, Init().ExitCode);
        var first = Secret("postgres_password");

        Assert.Equal(0, Init().ExitCode);

        Assert.Equal(first, Secret("postgres_password"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
