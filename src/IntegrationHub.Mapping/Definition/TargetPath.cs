using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Mapping.Definition;

/// <summary>A place in the canonical record, such as <c>officers[1].certificateNumber</c>.</summary>
public sealed partial record TargetPath(string Text, IReadOnlyList<TargetSegment> Segments)
{
    public bool HasSelector => Segments.Any(s => s.Kind == SegmentKind.Select);

    public bool ProducesMany => Segments[^1].Kind == SegmentKind.Each;

    public static TargetPath Parse(string text)
    {
        var segments = new List<TargetSegment>();
        foreach (var part in text.Split('.'))
        {
            var match = SegmentPattern().Match(part);
            if (!match.Success)
                throw new MappingException($"fields.{text}", $"'{part}' is not a valid target path step (name, name[2], name[] or name[key=value]).");
            var name = match.Groups["name"].Value;
            if (!match.Groups["bracket"].Success)
                segments.Add(new TargetSegment(name, SegmentKind.Property));
            else if (match.Groups["bracket"].Value.Length == 0)
                segments.Add(new TargetSegment(name, SegmentKind.Each));
            else if (int.TryParse(match.Groups["bracket"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                segments.Add(new TargetSegment(name, SegmentKind.Index, index));
            else
            {
                var pair = match.Groups["bracket"].Value.Split('=', 2);
                if (pair.Length != 2 || pair[0].Length == 0)
                    throw new MappingException($"fields.{text}", $"'[{match.Groups["bracket"].Value}]' must be an index, empty, or key=value.");
                segments.Add(new TargetSegment(name, SegmentKind.Select, SelectKey: pair[0], SelectValue: pair[1]));
            }
        }

        if (segments.Take(segments.Count - 1).Any(s => s.Kind == SegmentKind.Each))
            throw new MappingException($"fields.{text}", "'[]' may only stand on the last step of a target path.");
        if (segments[^1].Kind == SegmentKind.Select)
            throw new MappingException($"fields.{text}", "a [key=value] step selects an element; name the property to write after it (penalties[type=fine].amountYuan).");
        return new TargetPath(text, segments);
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9]*)(\[(?<bracket>[^\]]*)\])?$")]
    private static partial Regex SegmentPattern();
}
