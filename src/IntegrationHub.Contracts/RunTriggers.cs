namespace IntegrationHub.Contracts;

/// <summary>
/// Why a run starts (<see cref="RunConnector.Trigger"/>, kept on the run), and the two rules that differ by trigger when
/// the connector is busy: here (<see cref="QueuesBehindALocalRun"/>) or in another process (<see cref="IsAskedFor"/>).
/// </summary>
public static class RunTriggers
{
    /// <summary>The scheduler found the connector due.</summary>
    public const string Schedule = "schedule";

    /// <summary>A run that ended without finishing (its process died or lost the lease) goes on from its checkpoint.</summary>
    public const string Resume = "resume";

    /// <summary>Asked for through the API (or the CLI).</summary>
    public const string Api = "api";

    /// <summary>Stored raw payloads normalized again with the current mapping.</summary>
    public const string Backfill = "backfill";

    /// <summary>Open quarantine entries sent through the normal path again.</summary>
    public const string Replay = "replay";

    /// <summary>
    /// Whether a run asked for while the connector runs in another process must still happen afterwards (it is queued in
    /// the store for the scheduler's holder). Not a schedule tick or a resume: the run going on elsewhere is that run.
    /// </summary>
    public static bool IsAskedFor(string trigger) => trigger is not (Schedule or Resume);

    /// <summary>
    /// Whether a request arriving while this process runs the connector waits for that run to end. A schedule tick does
    /// not (the schedule asks again); a resume does (the run ending here may be the one that asked for it).
    /// </summary>
    public static bool QueuesBehindALocalRun(string trigger) => trigger != Schedule;

    /// <summary>
    /// Whether what the run reads travels with its request (a replay's selection of quarantine entries), so it cannot be
    /// handed to another process as a plain run request and waits for the connector's lease instead.
    /// </summary>
    public static bool CarriesItsInput(string trigger) => trigger == Replay;
}
