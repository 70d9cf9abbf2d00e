using System.Security.Claims;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Identity.Pages;

/// <summary><c>/user/login</c>: username (or e-mail) and password, checked with the PBKDF2 hasher; a cookie with claim uid.</summary>
public sealed class LoginModel(IPasswordHasher<User> hasher, LoginThrottle throttle) : PortalPage
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var username = (Username ?? "").Trim();
        if (username.Length == 0 || string.IsNullOrEmpty(Password))
        {
            return Fail("login.required");
        }
        if (throttle.IsLocked(username))
        {
            return Fail("login.locked", StatusCodes.Status429TooManyRequests);
        }
        var user = await Db.Users.SingleOrDefaultAsync(u => u.Name == username && u.State == "active", HttpContext.RequestAborted)
            ?? await Db.Users.FirstOrDefaultAsync(u => u.Email == username && u.State == "active", HttpContext.RequestAborted);
        var verdict = user?.PasswordHash is { } hash ? hasher.VerifyHashedPassword(user, hash, Password) : PasswordVerificationResult.Failed;
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            throttle.Failed(username);
            return Fail("login.failed");
        }
        throttle.Succeeded(username);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, Password);
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        var identity = new ClaimsIdentity(
            [new Claim("uid", user.Id), new Claim(ClaimTypes.Name, user.Name)],
            CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back) ? back : "/dashboard");
    }

    private PageResult Fail(string key, int status = StatusCodes.Status401Unauthorized)
    {
        Error = T[key];
        Password = null;
        Response.StatusCode = status;
        return Page();
    }
}
