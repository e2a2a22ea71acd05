namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>A temp folder of a test, removed (best effort) when disposed.</summary>
public sealed class ScratchDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder: best effort.
        }
    }
}
