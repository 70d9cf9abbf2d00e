using GovChannel.Web.Areas.Identity.Pages;
using GovChannel.Web.Areas.OpenData.Requests;
using GovChannel.Web.Areas.OpenData.Tracking;
using GovChannel.Web.Data;
using GovChannel.Web.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.WebEncoders;

namespace GovChannel.Web.Pages;

/// <summary>
/// The public web site and publishing workflow: server-rendered Razor Pages (DESIGN decision 2), cookie sign-in,
/// antiforgery on every form, Thai by default with an English switch.
/// </summary>
public static class Portal
{
    public const string AuthCookie = "govchannel.auth";

    public static void AddPortal(this WebApplicationBuilder builder, GovChannelSettings settings)
    {
        builder.Services.AddRazorPages();
        // `dotnet run --project src/GovChannel.Web` (the README's command) runs from the build output with the
        // repository root as content root, in Production: without this the pages came without their CSS, fonts and
        // scripts. The build's manifest maps wwwroot; a published app has no manifest and serves its own wwwroot.
        builder.WebHost.UseStaticWebAssets();
        // Write Thai as characters, not &#xE01; entities: pages stay readable and a third smaller. <, >, & and quotes
        // are still encoded.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Text>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<ViewTracker>();
        builder.Services.AddSingleton<ViewIndexing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ViewIndexing>());
        // Keys in the data directory: sign-in cookies and antiforgery tokens survive restarts and work on every node
        // that shares the directory.
        builder.Services.AddDataProtection().SetApplicationName("GovChannel")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/user/login";
            o.LogoutPath = "/user/logout";
            o.AccessDeniedPath = "/error/403";
            o.Cookie.Name = AuthCookie;
            o.Cookie.HttpOnly = true;
            // Lax: the cookie is not sent on cross-site POSTs, so it can never authorise a forged API write.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A signed-in visitor without the right gets the 403 page at this address (re-executed in their language,
            // see UsePortal), not a redirect to /error/403: Forbid() and [Authorize] answer what happened. Only
            // visitors not signed in are redirected, to sign in.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "govchannel.csrf");
        builder.AddRequestLimits();
    }

    /// <summary>Middleware, in order; called before any endpoint is mapped.</summary>
    public static void UsePortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.Use(Language.Middleware);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
    }

    public static void MapPortal(this WebApplication app)
    {
        app.MapRazorPages();
        ViewTracker.Map(app);
    }
}
