namespace IntegrationHub.Mapping.Definition;

public enum SegmentKind
{
    Property,
    Index,
    Each,
    Select,
}

/// <summary>One step of a target path: <c>name</c>, <c>name[2]</c>, <c>name[]</c> or <c>name[key=value]</c>.</summary>
public sealed record TargetSegment(string Name, SegmentKind Kind, int Index = 0, string? SelectKey = null, string? SelectValue = null);
