namespace IntegrationHub.Samples;

/// <summary>A county-level division (GB/T 2260) of Shaanxi and its prefecture.</summary>
internal sealed record SampleRegion(string Code, string Name, string PrefectureCode, string PrefectureName)
{
    /// <summary>市辖区 (county pair 01–18): named with its city ("西安市雁塔区").</summary>
    public bool IsDistrict => int.Parse(Code.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture) <= 18;

    public string FullName => IsDistrict ? PrefectureName + Name : Name;

    /// <summary>"雁塔区" → "雁塔", "眉县" stays "眉县".</summary>
    public string ShortName => Name.Length > 2 ? Name[..^1] : Name;

    /// <summary>"西安市" → "西安".</summary>
    public string PrefectureShortName => PrefectureName[..^1];
}
