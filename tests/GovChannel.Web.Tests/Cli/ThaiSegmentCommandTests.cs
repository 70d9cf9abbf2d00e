namespace GovChannel.Web.Tests.Cli;

public sealed class ThaiSegmentCommandTests
{
    [Fact]
    public async Task ThaiSegment_EachLine_TokensJoinedByBarAndConcatenateToInput()
    {
        string[] lines = ["การจดทะเบียนนิติบุคคล กรมการปกครอง", "ค่าฝุ่น PM2.5 ปี 2566  เพิ่มขึ้น 2.5%", "", "hello   world"];
        var output = new StringWriter();
        var code = await ThaiCli.SegmentAsync(new StringReader(string.Join('\n', lines)), output, CancellationToken.None);
        Assert.Equal(0, code);
        var written = output.ToString().Split(Environment.NewLine)[..lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i], written[i].Replace("|", "", StringComparison.Ordinal));
        }
        Assert.Contains("|กรมการปกครอง", written[0], StringComparison.Ordinal);
        Assert.Contains("|PM2.5|", written[1], StringComparison.Ordinal);
    }
}
