using GovChannel.Thai;

namespace GovChannel.Web;

/// <summary><c>govchannel thai segment</c>: each input line's tokens joined by '|'; the tokens concatenate to the line.</summary>
public static class ThaiCli
{
    public static async Task<int> SegmentAsync(TextReader input, TextWriter output, CancellationToken ct)
    {
        var segmenter = ThaiSegmenter.Default;
        while (await input.ReadLineAsync(ct) is { } line)
        {
            await output.WriteLineAsync(string.Join('|', segmenter.Segment(line).Select(t => t.Text)));
        }
        return 0;
    }
}
