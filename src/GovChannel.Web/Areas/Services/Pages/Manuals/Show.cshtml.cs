using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Manuals;

/// <summary>
/// <c>/manuals/{id}</c>: a citizen manual in the official order of sections (thai-egov.md §1.2), printable on A4.
/// The public sees the published revision; the agency's editors also see the latest draft (<c>?latest=true</c>).
/// </summary>
public sealed class ShowModel(TimeProvider time) : PortalPage
{
    public ManualDto Manual { get; private set; } = null!;
    public ManualContent C => Manual.Content;
    public string? CopiedFromName { get; private set; }
    public List<EService> EServices { get; } = [];
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? revision, bool? latest, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (await ManualApi.ReadableAsync(Db, caller, id, revision, latest == true, ct) is not { } found)
        {
            return NotFound();
        }
        Manual = await ManualApi.ToDtoAsync(Db, found.Manual, found.Revision, ct);
        Now = OpenData.Ckan.Clock.Now(time);
        if (Manual.CopiedFrom is { } source)
        {
            CopiedFromName = await Db.CitizenManuals.Where(m => m.Id == source && m.PublishedRevision != null).Select(m => m.Name).FirstOrDefaultAsync(ct);
        }
        EServices.AddRange(await Db.EServices.AsNoTracking().Where(s => s.ManualId == id && s.State == "published").OrderByDescending(s => s.Level).ToListAsync(ct));
        return Page();
    }

    public string Duration(Duration? d) => d is null ? "-" : d.Show(T.IsThai);

    public string Days(ServiceChannel c) =>
        $"{L.Code(Codes.Weekdays, c.FirstDay)} - {L.Code(Codes.Weekdays, c.LastDay)} {c.Opens}-{c.Closes} {(T.IsThai ? "น." : "")}"
        + (c.LunchBreak ? " " + L["channel.lunch"] : "") + (c.ExceptHolidays ? " " + L["channel.holidays"] : "");

    private ServicesText L => HttpContext.RequestServices.GetRequiredService<ServicesText>();

    public static string Money(decimal? amount) => amount is { } a ? a.ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
