namespace IntegrationHub.Cli;

/// <summary>What <c>hub</c> returns to the shell, so scripts can tell a failed operation from a broken setup.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The hub answered but the operation failed: a check or run failed, or the hub refused the request.</summary>
    public const int Failed = 1;

    /// <summary>The command line (or a file it names) is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The hub cannot be reached, or it did not accept the API key.</summary>
    public const int Unreachable = 3;
}
