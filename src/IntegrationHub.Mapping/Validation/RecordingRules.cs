using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Statutes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 执法全过程记录: 查封扣押财产, 强制拆除 and other coercive measures are recorded on audio-video from start to end
/// (全程音像记录, 国办发〔2018〕118号), so a coercion record needs at least one audio-video artefact.
/// </summary>
internal static class RecordingRules
{
    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        if (CanonicalValues.Category(record) is not { } category || !EnforcementDuties.NeedsAudioVideo(category))
            yield break;
        var recordings = CanonicalValues.Items(record, "recordings").ToList();
        if (recordings.Any(r => CanonicalValues.Text(r.Item, "kind") == "audioVideo"))
            yield break;

        const string field = "recordings";
        yield return ValidationIssue.Warning(field, sourceFieldOf(field), $"{recordings.Count} recordings, 0 audioVideo", "recording.audio-video-missing",
            $"行政强制措施应当全程音像记录，但该记录的 {recordings.Count} 项执法记录中没有音像记录。",
            $"A coercive measure must be recorded on audio and video throughout, but none of the {recordings.Count} process records of this action is an audio-video recording.");
    }
}
