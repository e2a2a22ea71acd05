using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary>Reads one count ("  pulled   1,234") from a run summary the tool printed.</summary>
public static class RunCountLine
{
    public static long Of(string output, string name)
    {
        var match = new Regex($@"(?m)^  {name} +([\d,]+)$", RegexOptions.None, TimeSpan.FromSeconds(1)).Match(output);
        Assert.True(match.Success, $"No '{name}' count in:\n{output}");
        return long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
