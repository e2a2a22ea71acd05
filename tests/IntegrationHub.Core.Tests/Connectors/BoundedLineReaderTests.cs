using IntegrationHub.Connectors;

namespace IntegrationHub.Core.Tests.Connectors;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public void ReadLine_LineLongerThanTheLimit_KeepsItsStartAndTellsItsRealLength()
    {
        var reader = new BoundedLineReader(new StringReader(new string('x', 100_000) + "\nnext"), maxLength: 1_024);

        var first = reader.ReadLine()!;

        Assert.Equal((1_024, 100_000L, true), (first.Text.Length, first.Length, first.IsCut));
        Assert.Equal("next", reader.ReadLine()!.Text);
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void ReadLine_CrLfAcrossTheBufferBorder_AndLoneCr_AreOneLineBreakEach()
    {
        // 16 KiB buffers: the \r is the last character of the first fill.
        var text = new string('a', 16 * 1024 - 1) + "\r\nb\rc\n\nd";
        var reader = new BoundedLineReader(new StringReader(text), maxLength: 1 << 20);

        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line.Text);

        Assert.Equal([new string('a', 16 * 1024 - 1), "b", "c", "", "d"], lines);
    }
}
