namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>The outcome of <see cref="SyncAudit"/>: records lost and doubled (the campaign's table), and every problem found, in words.</summary>
public sealed class AuditReport
{
    public long Lost { get; set; }

    public long Doubled { get; set; }

    public int Runs { get; set; }

    public int FeedEvents { get; set; }

    /// <summary>How the runs ended ("5 completed, 2 failed"): how the hub took the faults.</summary>
    public string RunOutcomes { get; set; } = "";

    /// <summary>The error of every run that did not complete ("failed: …").</summary>
    public List<string> RunErrors { get; } = [];

    public List<string> Problems { get; } = [];

    public void Check(bool holds, string problem)
    {
        if (!holds)
            Problems.Add(problem);
    }

    public void Count(long count, string what)
    {
        if (count != 0)
            Problems.Add($"{count} {what}");
    }

    /// <summary>Keys a check found, named (the first ten) when there are any.</summary>
    public void Problem(IEnumerable<string> keys, string what)
    {
        var found = keys.ToList();
        if (found.Count > 0)
            Problems.Add($"{found.Count} {what}: {string.Join(", ", found.Take(10))}{(found.Count > 10 ? ", …" : "")}");
    }

    /// <summary>Fails the test with every problem, when there is one.</summary>
    public void AssertClean() =>
        Assert.True(Problems.Count == 0 && Lost == 0 && Doubled == 0,
            $"lost {Lost}, doubled {Doubled}:\n" + string.Join('\n', Problems));
}
