using System.Text;
using IntegrationHub.Connectors.Files;

namespace IntegrationHub.Core.Tests.Connectors.Files;

public sealed class FileTextEncodingsTests
{
    private const string Text = "案件ID,当事人名称\n1,某某市场监督管理局\n";

    [Fact]
    public void Detect_BytesWithUtf8Bom_AreUtf8()
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();
        Assert.Equal(Encoding.UTF8.CodePage, FileTextEncodings.Detect(new MemoryStream(bytes)).CodePage);
    }

    [Fact]
    public void Detect_ValidUtf8WithoutBom_IsUtf8()
    {
        Assert.Equal(Encoding.UTF8.CodePage, FileTextEncodings.Detect(new MemoryStream(Encoding.UTF8.GetBytes(Text))).CodePage);
    }

    [Fact]
    public void Detect_GbkBytes_AreGb18030_AndDecodeToTheSameChinese()
    {
        var bytes = FileTextEncodings.Gb18030.GetBytes(Text);
        var encoding = FileTextEncodings.Detect(new MemoryStream(bytes));
        Assert.Equal(54936, encoding.CodePage);
        Assert.Equal(Text, encoding.GetString(bytes));
    }

    [Fact]
    public void Detect_Utf8SequenceSplitAcrossTheReadBuffer_IsStillUtf8()
    {
        // 64 KiB buffers: a three-byte character straddles the boundary.
        var text = new string('a', 64 * 1024 - 1) + "案件";
        Assert.Equal(Encoding.UTF8.CodePage, FileTextEncodings.Detect(new MemoryStream(Encoding.UTF8.GetBytes(text))).CodePage);
    }
}
