using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.OpenData.Pages.Datasets;

/// <summary>
/// <c>/dataset/new</c>, stage 1 of 2 (as CKAN): the metadata is saved as a draft through package_create, then the
/// publisher adds files or links on stage 2 and "Finish" makes it active.
/// </summary>
[Authorize]
public sealed class NewModel : DatasetFormPage
{
    public override bool IsNew => true;

    public async Task<IActionResult> OnGetAsync(string? organization)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        await LoadChoicesAsync();
        var preselect = Organizations.FirstOrDefault(o => o.Id == organization || Db.Groups.Any(g => g.Id == o.Id && g.Name == organization));
        Input.OwnerOrg = preselect.Id ?? (Organizations.Count == 1 ? Organizations[0].Id : null);
        Input.Maintainer = user.FullName;
        Input.MaintainerEmail = user.Email;
        Input.LicenseId = "cc-by";
        Input.DataCategory = "ข้อมูลสาธารณะ";
        Input.DataLanguage = ["ไทย"];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        await LoadChoicesAsync();
        if (!CheckRequired())
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var data = ToData([]);
        data["state"] = "draft";
        var (result, errors) = await WriteAsync("package_create", data);
        if (errors is not null)
        {
            AddErrors(errors);
            return Page();
        }
        return LocalRedirect($"/dataset/{Uri.EscapeDataString(Params.AsString(result!["name"])!)}/resource/new");
    }
}
