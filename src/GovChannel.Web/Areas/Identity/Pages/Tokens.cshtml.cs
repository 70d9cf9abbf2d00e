using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Identity.Pages;

/// <summary><c>/user/api-tokens</c>: create (the token is shown once, only its hash is kept), list and revoke my tokens.</summary>
[Authorize]
public sealed class TokensModel(ApiTokens tokens) : PortalPage
{
    public List<ApiToken> Tokens { get; } = [];
    public string? NewToken { get; private set; }
    public string? Message { get; private set; }
    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync() => await UserAsync() is null ? Challenge() : await ListAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        var name = string.IsNullOrWhiteSpace(Name) ? "web" : Name.Trim()[..Math.Min(Name.Trim().Length, 200)];
        var (_, token) = await tokens.CreateAsync(Db, user, name, null, HttpContext.RequestAborted);
        // Shown in this response only (not a redirect), so the token never sits in a URL or in the server's logs.
        NewToken = token;
        Response.Headers.CacheControl = "no-store";
        Name = null;
        return await ListAsync();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        await Db.ApiTokens.Where(t => t.Id == id && t.UserId == user.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        TempData["tokens.message"] = "tokens.revoked";
        return LocalRedirect("/user/api-tokens");
    }

    private async Task<PageResult> ListAsync()
    {
        Message = TempData["tokens.message"] as string;
        Tokens.AddRange(await Db.ApiTokens.Where(t => t.UserId == CurrentUser!.Id).OrderByDescending(t => t.CreatedAt).ToListAsync(HttpContext.RequestAborted));
        return Page();
    }
}
