namespace IntegrationHub.Samples;

/// <summary>One department's SQLite source database: where it is, how many rows it holds, and whether this call made it.</summary>
public sealed record SampleDatabaseFile(string DepartmentId, string Path, long Rows, bool Created);
