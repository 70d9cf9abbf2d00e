using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.Insights;

/// <summary>
/// A sysadmin imports the UN's E-Government Survey data files; the history (API and /insights) shows the imported years
/// from 2003 on, with the file as the source. Both databases.
/// </summary>
public abstract class EgdiImportTests(GovChannelApp app)
{
    private const string Header = "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,Human Capital Index,Telecommunication Infrastructure Index\n";

    /// <summary>A small file in the UN data centre's layout (country names padded with a space, as the UN's are).</summary>
    private static string File(int year, double thailand, int rank = 50) =>
        Header
        + $"{year},\"Singapore \",7,0.70000,0.50000,0.80000,0.85000,0.45000\n"
        + $"{year},\"Thailand \",{rank},{thailand.ToString("0.00000", System.Globalization.CultureInfo.InvariantCulture)},,0.50000,0.80000,0.35000\n";

    private async Task<(int Status, JsonNode? Json)> UploadAsync(string content, string? token, string fileName = "EGOV_DATA_2005.csv")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/insights/egdi/import") { Content = form };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");
        using var response = await app.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> YearAsync(int year, string country = "Thailand")
    {
        var history = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/insights/egdi/history?country=" + Uri.EscapeDataString(country)))!.AsArray();
        return history.Single(h => h!["year"]!.GetValue<int>() == year)!;
    }

    [Fact]
    public async Task History_WithoutImports_ListsEverySurveyFrom2003WithCitedValuesOnly()
    {
        var history = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/insights/egdi/thailand"))!.AsArray();
        Assert.Equal(2003, history[0]!["year"]!.GetValue<int>());
        Assert.Contains(history, h => h!["year"]!.GetValue<int>() == 2016 && h["egdi"]!.GetValue<double>() == 0.55222);
        // Years no source gives stay empty rather than guessed (2004 is imported by no test).
        Assert.Null((await YearAsync(2004))["egdi"]);
    }

    [Fact]
    public async Task Import_Sysadmin_YearAppearsWithTheFileAsSourceAndIsAudited()
    {
        var admin = await app.UserTokenAsync("egdi-admin", sysadmin: true);
        var (status, json) = await UploadAsync(File(2005, 0.55180, rank: 46), admin);
        Assert.True(status == 200, json?.ToJsonString());
        Assert.Equal([2005], json!["years"]!.AsArray().Select(y => y!.GetValue<int>()));
        Assert.Equal(2, json["rows"]!.GetValue<int>());

        var row = await YearAsync(2005);
        Assert.Equal(0.5518, row["egdi"]!.GetValue<double>());
        Assert.Equal(46, row["rank"]!.GetValue<int>());
        Assert.Equal(0.8, row["hci"]!.GetValue<double>());
        Assert.Equal(0.35, row["tii"]!.GetValue<double>());
        Assert.Contains("EGOV_DATA_2005.csv", row["source"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0.7, (await YearAsync(2005, "Singapore"))["egdi"]!.GetValue<double>());

        var audited = await app.WithDbAsync((db, _) => Task.FromResult(db.Activities.Count(a => a.ActivityType == "imported egdi data" && a.DataJson.Contains("EGOV_DATA_2005.csv"))));
        Assert.True(audited >= 1);

        // The page shows the imported year in its history table.
        var page = await app.CreateClient().GetStringAsync("/insights?lang=en");
        Assert.Contains("EGOV_DATA_2005.csv", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SameYearAgain_ReplacesTheYearsRows()
    {
        var admin = await app.UserTokenAsync("egdi-admin", sysadmin: true);
        Assert.Equal(200, (await UploadAsync(File(2008, 0.50310, rank: 64), admin, "EGOV_DATA_2008.csv")).Status);
        // The second file no longer lists Singapore for 2008: the year is replaced as a whole.
        Assert.Equal(200, (await UploadAsync(Header + "2008,Thailand,64,0.50320,,,,\n", admin, "EGOV_DATA_2008_fixed.csv")).Status);
        Assert.Equal(0.5032, (await YearAsync(2008))["egdi"]!.GetValue<double>());
        Assert.Null((await YearAsync(2008, "Singapore"))["egdi"]);
    }

    [Theory]
    [InlineData("Survey Year,Country Name,E-Government Rank\n2003,Thailand,50\n", "no \"E-Government Index\" column")]
    [InlineData(Header + "2003,Thailand,50,1.7,,,,\n", "EGDI must be a number between 0 and 1")]
    [InlineData(Header + "2003,Thailand,50,0.5,,,,\n2003,Thailand ,50,0.5,,,,\n", "appears twice")]
    [InlineData(Header + "1999,Thailand,50,0.5,,,,\n", "survey year must be a year between 2001 and 2100")]
    [InlineData(Header + "2003,Thailand,fifty,0.5,,,,\n", "rank must be a positive whole number")]
    [InlineData(Header, "no country rows")]
    public async Task Import_BadFile_RefusedWithTheLineAndNothingWritten(string content, string message)
    {
        var admin = await app.UserTokenAsync("egdi-admin", sysadmin: true);
        // A good 2003 row in the same file must not be written either.
        var (status, json) = await UploadAsync(content.Replace("1999,", "2003,Thailand,50,0.4,,,,\n1999,", StringComparison.Ordinal), admin, "EGOV_DATA_2003.csv");
        Assert.Equal(400, status);
        var errors = json!["errors"]!["file"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Null((await YearAsync(2003))["egdi"]);
    }

    [Fact]
    public async Task Import_NotACsvOrSpreadsheet_Refused()
    {
        var admin = await app.UserTokenAsync("egdi-admin", sysadmin: true);
        var (status, json) = await UploadAsync(File(2003, 0.4), admin, "egdi.exe");
        Assert.Equal(400, status);
        Assert.Contains("CSV, TSV or XLSX", json!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, (await UploadAsync("", admin)).Status);
    }

    [Fact]
    public async Task Import_NotSysadmin_RefusedAndNothingWritten()
    {
        var editor = await app.UserTokenAsync("egdi-not-admin");
        Assert.Equal(403, (await UploadAsync(File(2004, 0.49), editor, "EGOV_DATA_2004.csv")).Status);
        Assert.Equal(401, (await UploadAsync(File(2004, 0.49), null, "EGOV_DATA_2004.csv")).Status);
        Assert.Null((await YearAsync(2004))["egdi"]);
    }
}

public sealed class SqliteEgdiImportTests(SqliteApp app) : EgdiImportTests(app), IClassFixture<SqliteApp>;
public sealed class PostgresEgdiImportTests(PostgresApp app) : EgdiImportTests(app), IClassFixture<PostgresApp>;
