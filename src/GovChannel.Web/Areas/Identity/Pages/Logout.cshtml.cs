using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.Identity.Pages;

/// <summary><c>/user/logout</c>: sign-out is a POST (with the antiforgery token), so a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel : PortalPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
