using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Pages;

/// <summary>
/// Every form that posts carries the antiforgery token, and its handler refuses a post without it. The form tag helper
/// adds the token by itself only to forms without an explicit <c>action</c>; a form with one needs
/// <c>asp-antiforgery="true"</c>, which is easy to forget. So this renders every page that has a post form (signed in
/// as the sysadmin, who sees them all), and fails when a Razor file with a post form is not in its list.
/// </summary>
public sealed partial class AntiforgeryFormTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    /// <summary>Each Razor file with a post form, and a page that renders it (placeholders filled from the demo content).</summary>
    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["Pages/Shared/_Layout.cshtml"] = "/",
        ["Pages/News/Edit.cshtml"] = "/news/edit",
        ["Areas/Identity/Pages/Tokens.cshtml"] = "/user/api-tokens",
        ["Areas/Identity/Pages/Logout.cshtml"] = "/user/logout",
        ["Areas/Identity/Pages/Login.cshtml"] = "/user/login",
        ["Areas/Apps/Pages/Show.cshtml"] = "/apps/dopa-queue",
        ["Areas/Apps/Pages/Ratings.cshtml"] = "/apps/ratings",
        ["Areas/Apps/Pages/Edit.cshtml"] = "/apps/edit/dopa-queue",
        ["Areas/Services/Pages/Manuals/Show.cshtml"] = "/manuals/{draft}?latest=true",
        ["Areas/Services/Pages/Manuals/Edit.cshtml"] = "/manuals/edit/{draft}",
        ["Areas/Services/Pages/EServices/Edit.cshtml"] = "/eservices/edit",
        ["Areas/Insights/Pages/Index.cshtml"] = "/insights",
        ["Areas/OpenData/Pages/Showcases/Edit.cshtml"] = "/showcase/edit/{showcase}",
        ["Areas/OpenData/Pages/Showcases/Admins.cshtml"] = "/showcase/admins",
        ["Areas/OpenData/Pages/Datasets/Resources.cshtml"] = "/dataset/thailand-sub-districts/resource/new",
        ["Areas/OpenData/Pages/Datasets/New.cshtml"] = "/dataset/new",
        ["Areas/OpenData/Pages/Datasets/Edit.cshtml"] = "/dataset/edit/thailand-sub-districts",
        ["Areas/OpenData/Pages/Requests/Index.cshtml"] = "/dataset/requests",
        ["Areas/OpenData/Pages/Requests/New.cshtml"] = "/dataset/request",
        ["Areas/OpenData/Pages/Organizations/Members.cshtml"] = "/organization/members/dopa",
    };

    private static string SourceDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GovChannel.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "src", "GovChannel.Web");
    }

    [GeneratedRegex("<form\\b[^>]*\\bmethod=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("\\baction=\"([^\"]*)\"")]
    private static partial Regex Action();

    [GeneratedRegex("<input\\b[^>]*\\bname=\"([^\"]+)\"[^>]*>")]
    private static partial Regex Input();

    [Fact]
    public void PostForms_EveryRazorFileWithOne_IsChecked()
    {
        var root = SourceDirectory();
        var files = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Pages.Keys.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public async Task PostForms_EveryPage_CarryTheToken_AndAPostWithoutItIsRefused()
    {
        var (draft, showcase) = await fixture.App.WithDbAsync(async (db, _) => (
            await db.CitizenManuals.Where(m => m.PublishedRevision == null).Select(m => m.Id).FirstAsync(),
            await db.Datasets.Where(d => d.Type == "showcase" && d.State == "active").Select(d => d.Name).FirstAsync()));
        var admin = await PortalFixture.SignedInAsync(fixture, "admin");
        var checkedActions = 0;
        foreach (var (file, template) in Pages)
        {
            var url = template.Replace("{draft}", draft, StringComparison.Ordinal).Replace("{showcase}", showcase, StringComparison.Ordinal);
            // The sign-in page is for visitors; everything else is looked at as the sysadmin.
            var client = file.EndsWith("Login.cshtml", StringComparison.Ordinal) ? fixture.Browser() : admin;
            using var page = await client.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {page.StatusCode}");
            var forms = PostForm().Matches(await page.Content.ReadAsStringAsync()).Select(m => m.Value).ToList();
            Assert.True(forms.Count > 0, url + " shows no post form");
            foreach (var form in forms)
            {
                Assert.True(form.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal), $"{file} ({url}): a post form without the antiforgery token: {form[..Math.Min(200, form.Length)]}");
                var action = WebUtility.HtmlDecode(Action().Match(form) is { Success: true } m ? m.Groups[1].Value : url);
                var fields = Input().Matches(form).Select(i => i.Groups[1].Value).Where(n => n != "__RequestVerificationToken").Distinct(StringComparer.Ordinal)
                    .ToDictionary(n => n, _ => "x", StringComparer.Ordinal);
                using var post = await client.PostAsync(action.Length == 0 ? url : action, new FormUrlEncodedContent(fields));
                Assert.True(post.StatusCode == HttpStatusCode.BadRequest, $"{file}: POST {action} without the token answered {(int)post.StatusCode}");
                checkedActions++;
            }
        }
        Assert.True(checkedActions >= Pages.Count);
        // The sysadmin is still signed in: the logout form's post without a token did nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/user/api-tokens")).StatusCode);
    }
}
