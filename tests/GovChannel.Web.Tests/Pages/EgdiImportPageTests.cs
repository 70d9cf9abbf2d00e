using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The import form on /insights: sysadmins only, antiforgery, every problem listed and nothing written, then the year in the table.</summary>
public sealed class EgdiImportPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Header = "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,Human Capital Index,Telecommunication Infrastructure Index\n";

    private static MultipartFormDataContent Form(string token, string csv, string name = "EGOV_DATA_2004.csv")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", name } };
    }

    [Fact]
    public async Task ImportForm_Sysadmin_BadFileListsProblemsThenGoodFileShowsTheYear()
    {
        var client = await PortalFixture.SignedInAsync(fixture, "admin");
        var page = await client.GetStringAsync("/insights?lang=en");
        Assert.Contains("id=\"egdi-file\"", page, StringComparison.Ordinal);

        using var bad = await client.PostAsync("/insights?handler=Import&lang=en", Form(PortalFixture.Token(page), Header + "2004,Thailand,50,2.5,,,,\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Line 2: EGDI must be a number between 0 and 1", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var good = await client.PostAsync("/insights?handler=Import", Form(PortalFixture.Token(page), Header + "2004,\"Thailand \",50,0.49030,,,,\n"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("/insights?imported=2004", good.Headers.Location!.OriginalString.Split('#')[0]);
        var after = await client.GetStringAsync(good.Headers.Location!.OriginalString.Split('#')[0] + "&lang=en");
        Assert.Contains("Imported the survey years 2004.", after, StringComparison.Ordinal);
        Assert.Contains("0.49030", after, StringComparison.Ordinal);
        Assert.Contains("UN DESA data file EGOV_DATA_2004.csv", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportForm_NotSysadmin_NoFormAndPostRefused()
    {
        var client = await PortalFixture.SignedInAsync(fixture, "somchai");
        var page = await client.GetStringAsync("/insights");
        Assert.DoesNotContain("id=\"egdi-file\"", page, StringComparison.Ordinal);
        using var post = await client.PostAsync("/insights?handler=Import", Form(PortalFixture.Token(page), Header + "2005,Thailand,1,0.99,,,,\n", "EGOV_DATA_2005.csv"));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.DoesNotContain("imported", post.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("0.99000", await fixture.Browser().GetStringAsync("/insights"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportForm_WithoutAntiforgeryToken_Refused()
    {
        var client = await PortalFixture.SignedInAsync(fixture, "admin");
        using var post = await client.PostAsync("/insights?handler=Import", Form("not-a-token", Header + "2003,Thailand,1,0.98,,,,\n", "EGOV_DATA_2003.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.DoesNotContain("0.98000", await fixture.Browser().GetStringAsync("/insights"), StringComparison.Ordinal);
    }
}
