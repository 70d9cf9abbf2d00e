using GovChannel.Web.Areas.OpenData.Files;

namespace GovChannel.Web.Areas.OpenData.Showcases;

/// <summary>
/// Showcase pictures uploaded on the portal's showcase form. The type is read from the file's first bytes, never from
/// its name or the browser's claim, and the file is stored under a generated key that carries that type; it is served
/// at <c>/uploads/showcase/{id}.{ext}</c> with that type only, so an upload can never be served as HTML or script.
/// SVG is refused for the same reason.
/// </summary>
public static class ShowcaseImages
{
    public const long MaxBytes = 5L * 1024 * 1024;
    private const string Prefix = "/uploads/showcase/";

    /// <summary>Store an uploaded picture; returns its site-relative URL, or null if it is not a PNG, JPEG, GIF or WebP.</summary>
    public static async Task<string?> SaveAsync(IFileStore files, IFormFile upload, CancellationToken ct)
    {
        var head = new byte[ImageFiles.HeadBytes];
        int read;
        await using (var s = upload.OpenReadStream())
        {
            read = await s.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }
        if (ImageFiles.Sniff(head.AsSpan(0, read)) is not { } ext)
        {
            return null;
        }
        var id = Guid.NewGuid().ToString("N");
        await using (var s = upload.OpenReadStream())
        {
            await files.SaveAsync(Key(id, ext), s, ct);
        }
        return Prefix + id + "." + ext;
    }

    /// <summary>Remove a picture this form stored (a URL elsewhere is left alone).</summary>
    public static async Task DeleteAsync(IFileStore files, string? url, CancellationToken ct)
    {
        if (Parse(url) is { } key)
        {
            await files.DeleteAsync(key, ct);
        }
    }

    private static string Key(string id, string ext) => "showcase/" + id + "-" + ext;

    private static string? Parse(string? url)
    {
        if (url is null || !url.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var file = url[Prefix.Length..];
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !ImageFiles.ContentTypes.ContainsKey(file[(dot + 1)..]) || !file[..dot].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        return Key(file[..dot], file[(dot + 1)..]);
    }

    public static void Map(WebApplication app) =>
        app.MapGet(Prefix + "{file}", async (string file, IFileStore files, HttpContext http) =>
        {
            if (Parse(Prefix + file) is not { } key || await files.OpenAsync(key, http.RequestAborted) is not { } stream)
            {
                return Results.NotFound();
            }
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Stream(stream, ImageFiles.ContentTypes[file[(file.IndexOf('.', StringComparison.Ordinal) + 1)..]]);
        });
}
