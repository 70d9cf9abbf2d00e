using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.OpenData.Tracking;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary><c>/dataset/{id}/resource/{rid}/download/{file}</c>: the stored upload, with the dataset's read permission.</summary>
public static class ResourceDownload
{
    public static void Map(WebApplication app) =>
        app.MapGet("/dataset/{id}/resource/{resourceId}/download/{fileName?}", DownloadAsync);

    private static async Task<IResult> DownloadAsync(HttpContext http, string id, string resourceId, GovDb db, IFileStore files)
    {
        var r = await db.Resources.Include(x => x.Dataset).SingleOrDefaultAsync(x => x.Id == resourceId && x.State == "active", http.RequestAborted);
        if (r?.Dataset is null || (r.Dataset.Id != id && r.Dataset.Name != id) || r.UrlType != "upload" || r.StorageKey is null)
        {
            return Results.NotFound();
        }
        var ctx = new ActionContext(http, db, await CkanApi.CurrentUserAsync(http, db), [], "download");
        if (!await Authz.CanReadDatasetAsync(ctx, r.Dataset))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var stream = await files.OpenAsync(r.StorageKey, http.RequestAborted);
        if (stream is null)
        {
            return Results.NotFound();
        }
        await http.RequestServices.GetRequiredService<ViewTracker>().CountAsync(http, r.DatasetId, r.Id);
        var type = r.Mimetype ?? ResourceFormats.MimeFor(r.Url) ?? "application/octet-stream";
        return Results.File(stream, type, r.Url, enableRangeProcessing: true);
    }
}
