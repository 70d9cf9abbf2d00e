using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GovChannel.Browser.Tests.Services;

/// <summary>
/// The editors' pages in real Chromium on the demo content: write a manual, approve and publish it, and find it on the
/// public page; moderate a rating; axe on every edit page. somchai administers สำนักงานสถิติแห่งชาติ, so he may approve.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manual_CreateApprovePublish_ShowsOnThePublicPage()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/services/manage");
        await page.ClickAsync("a[href='/manuals/edit']");
        await page.SelectOptionAsync("#f-agency", new SelectOptionValue { Label = "สำนักงานสถิติแห่งชาติ" });
        await page.FillAsync("#f-name", "การขอรับรองสำเนาข้อมูลสำมะโน");
        await page.SelectOptionAsync("#f-type", "single-unit");
        await page.SelectOptionAsync("#f-category", "certificate");
        await page.SelectOptionAsync("#f-impact", "general");
        await page.FillAsync("[name='Form.Channels[0].Place']", "สำนักงานสถิติจังหวัดทุกแห่ง");
        await page.SelectOptionAsync("[name='Form.Steps[0].Kind']", "document-check");
        await page.FillAsync("[name='Form.Steps[0].Detail']", "ตรวจสอบคำขอ");
        await page.FillAsync("[name='Form.Steps[0].Value']", "20");
        await page.FillAsync("[name='Form.Steps[0].ResponsibleUnit']", "ฝ่ายบริการข้อมูล");
        await page.SelectOptionAsync("[name='Form.Steps[1].Kind']", "signing");
        await page.FillAsync("[name='Form.Steps[1].Detail']", "ผู้อำนวยการลงนาม");
        await page.FillAsync("[name='Form.Steps[1].Value']", "20");
        await page.FillAsync("[name='Form.Steps[1].ResponsibleUnit']", "ผู้อำนวยการ");

        // The total does not match the steps: refused in Thai, what was typed stays.
        await page.FillAsync("#f-total", "30");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("ไม่ตรงกับผลรวมของขั้นตอน 40 นาที");
        await Assertions.Expect(page.Locator("[name='Form.Steps[1].Detail']")).ToHaveValueAsync("ผู้อำนวยการลงนาม");
        await BrowserFixture.ScreenshotAsync(page, "manual-edit-error");

        await page.FillAsync("#f-total", "40");
        await page.FillAsync("[name='Form.IdentityDocuments[0].Name']", "บัตรประจำตัวประชาชน");
        await page.FillAsync("[name='Form.IdentityDocuments[0].Originals']", "1");
        await page.ClickAsync("#save");
        await page.WaitForURLAsync("**/manuals/*?latest=true");
        await Assertions.Expect(page.Locator(".editor-panel")).ToContainTextAsync("ฉบับร่าง");

        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator(".editor-panel")).ToContainTextAsync("อนุมัติแล้ว");
        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator(".editor-panel")).ToContainTextAsync("เผยแพร่แล้ว");
        var url = new Uri(page.Url).AbsolutePath;

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync(url);
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("การขอรับรองสำเนาข้อมูลสำมะโน");
        await Assertions.Expect(visitor.Locator(".editor-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(visitor.Locator(".manual-foot")).ToContainTextAsync("อนุมัติโดย somchai");
        await visitor.GotoAsync("/manuals");
        await Assertions.Expect(visitor.Locator(".items a", new PageLocatorOptions { HasText = "การขอรับรองสำเนาข้อมูลสำมะโน" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "manual-published");
    }

    [Fact]
    public async Task Rating_ModeratedInTheQueue_ShowsOnTheAppPage()
    {
        var rater = await fixture.SignedInPageAsync("admin");
        await rater.GotoAsync("/apps/nso-stat");
        await rater.CheckAsync("input[name=Stars][value='4']");
        await rater.FillAsync("#comment", "กราฟอ่านง่าย ทดสอบการตรวจสอบ");
        await rater.ClickAsync("form button[type=submit]:has-text('ส่งคะแนน')");
        await Assertions.Expect(rater.Locator("[role=status]")).ToContainTextAsync("รอการตรวจสอบ");

        var moderator = await fixture.SignedInPageAsync();
        await moderator.GotoAsync("/apps/ratings");
        var row = moderator.Locator("tr", new PageLocatorOptions { HasText = "กราฟอ่านง่าย ทดสอบการตรวจสอบ" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(moderator, "ratings-queue");
        await row.Locator("button[value=approve]").ClickAsync();
        await Assertions.Expect(moderator.Locator("[role=status]")).ToContainTextAsync("บันทึกผลการตรวจสอบแล้ว");
        await Assertions.Expect(moderator.Locator("tr", new PageLocatorOptions { HasText = "กราฟอ่านง่าย ทดสอบการตรวจสอบ" })).ToHaveCountAsync(0);

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/apps/nso-stat");
        await Assertions.Expect(visitor.Locator("#ratings + ul")).ToContainTextAsync("กราฟอ่านง่าย ทดสอบการตรวจสอบ");
    }

    public static TheoryData<string> EditPages => new()
    {
        "/services/manage", "/manuals/edit", "/manuals/edit/{draft}", "/eservices/edit", "/eservices/edit/statistics-request", "/apps/edit", "/apps/edit/nso-stat",
        "/apps/ratings", "/manuals/edit?lang=en", "{draft-page}",
    };

    [Theory]
    [MemberData(nameof(EditPages))]
    public async Task Axe_EditPages_HaveNoViolations(string url)
    {
        var page = await fixture.SignedInPageAsync();
        if (url.Contains("{draft", StringComparison.Ordinal))
        {
            // A manual of the editor's agency: its edit page, or its page with the editors' panel (approve, publish, copy).
            await page.GotoAsync("/services/manage");
            var edit = page.Locator("#m-manuals ~ table a[href^='/manuals/edit/']").First;
            var href = await edit.GetAttributeAsync("href") ?? throw new InvalidOperationException("no manual to edit");
            url = url == "{draft-page}" ? href.Replace("/edit/", "/", StringComparison.Ordinal) + "?latest=true" : href;
        }
        await page.GotoAsync(url);
        AxeResult result = await page.RunAxe();
        var violations = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(",", n.Target)))}"));
        Assert.True(result.Violations.Length == 0, $"{url}:\n{violations}");
    }
}
