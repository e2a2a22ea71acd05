using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>音像记录覆盖率: actions that must be recorded on audio-video throughout have at least one such recording.</summary>
internal sealed class AudioVideoCoverage : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.AudioVideoRecording, "全程音像记录覆盖率",
        "Audio-video recording of the actions that require it", "国办发〔2018〕118号 执法全过程记录; 《行政处罚法》第四十七条");

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (!EnforcementDuties.NeedsAudioVideo(action.Category))
            return null;
        return action.Recordings.Any(r => r.Kind == RecordingKind.AudioVideo)
            ? CaseAssessment.Pass
            : CaseAssessment.Fail("recording.audio-video-missing",
                $"行政强制措施的 {action.Recordings.Count} 项执法记录中没有音像记录。",
                $"None of the {action.Recordings.Count} process records of this coercive measure is an audio-video recording.");
    }
}
