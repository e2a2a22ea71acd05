using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// One record read from a file. <see cref="Position"/> says where it is in words a person can find it by (<c>row 17</c> of a
/// sheet or CSV, <c>line 5</c> of JSON Lines, <c>record 3</c> of a JSON array); <see cref="Problem"/> says why the part
/// could not be read as a record, <see cref="Data"/> then holds what could be read.
/// </summary>
public sealed record FileRow(string Position, JsonObject Data, string? Problem = null);
