using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.Services.Pages.Kiosk;

/// <summary><c>/kiosk/manual/{id}</c>: what a citizen needs at the kiosk: steps, time, documents, fees, where to go.</summary>
public sealed class ManualModel : PortalPage
{
    public ManualDto Manual { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        // The public revision only, whoever is signed in: a kiosk is a public screen.
        var anonymous = new Caller(null, new Dictionary<string, string>());
        if (await ManualApi.ReadableAsync(Db, anonymous, id, null, false, ct) is not { } found)
        {
            return NotFound();
        }
        Manual = await ManualApi.ToDtoAsync(Db, found.Manual, found.Revision, ct);
        return Page();
    }
}
