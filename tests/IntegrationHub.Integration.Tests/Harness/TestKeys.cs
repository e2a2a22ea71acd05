using IntegrationHub.Host.Security;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>API keys of other roles than the bootstrap administrator's, stored in a test hub.</summary>
public static class TestKeys
{
    public static async Task<string> IssueAsync(TestHub hub, string name, string role, params string[] scopes)
    {
        var (record, key) = ApiKeys.Issue(name, role, scopes, DateTimeOffset.UtcNow);
        await hub.Store.CreateApiKeyAsync(record, ApiKeys.Hash(key), CancellationToken.None);
        Secrets.SecretTranscript.Suite?.Register(key, $"TestKeys {role} key '{name}'");
        return key;
    }
}
