namespace GovChannel.Web.Areas.OpenData.Files;

/// <summary>
/// Uploaded pictures that are served back (showcase pictures, app screenshots): the type is read from the file's
/// first bytes, never from its name or the browser's claim. SVG is never one of them: it can carry script.
/// </summary>
public static class ImageFiles
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadBytes = 12;

    /// <summary>The extension each recognised type is stored and served under, with its content type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["png"] = "image/png", ["jpg"] = "image/jpeg", ["gif"] = "image/gif", ["webp"] = "image/webp",
    };

    /// <summary>The picture's type from its signature: png, jpg, gif or webp; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        _ => null,
    };
}
