namespace IntegrationHub.Host.UseCases;

/// <summary>What a use case gives back: its value, or the problem that stopped it (never both).</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, UseCaseProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public UseCaseProblem? Problem { get; }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(UseCaseProblem problem) => new(default, problem);
}
