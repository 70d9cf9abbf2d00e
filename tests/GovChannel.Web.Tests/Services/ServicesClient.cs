using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.Services;

/// <summary>A small client for GovChannel's own JSON API: JSON in, status and parsed JSON out.</summary>
public sealed class ServicesClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<(int Status, JsonNode? Json)> SendAsync(HttpMethod method, string url, object? body = null, string? token = null, string? lang = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is JsonNode node
                ? new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        if (lang is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", lang);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false))
        {
            json = JsonNode.Parse(text);
        }
        return ((int)response.StatusCode, json);
    }

    public Task<(int Status, JsonNode? Json)> GetAsync(string url, string? token = null) => SendAsync(HttpMethod.Get, url, null, token);
    public Task<(int Status, JsonNode? Json)> PostAsync(string url, object? body, string? token = null, string? lang = null) => SendAsync(HttpMethod.Post, url, body ?? new JsonObject(), token, lang);
    public Task<(int Status, JsonNode? Json)> PutAsync(string url, object? body, string? token = null, string? lang = null) => SendAsync(HttpMethod.Put, url, body, token, lang);

    /// <summary>A complete, valid manual (three steps adding up to 60 minutes) for <paramref name="agency"/>.</summary>
    public static JsonObject Manual(string agency, string name = "การขอเลขที่บ้านใหม่") => new()
    {
        ["agency"] = agency,
        ["name"] = name,
        ["nameEn"] = "Requesting a new house number",
        ["servingUnits"] = new JsonArray("สำนักทะเบียนอำเภอ", "สำนักทะเบียนท้องถิ่น"),
        ["serviceType"] = "regional-local",
        ["category"] = "registration",
        ["legalBasis"] = new JsonArray(new JsonObject { ["name"] = "พระราชบัญญัติการทะเบียนราษฎร", ["yearBe"] = 2534, ["section"] = "มาตรา 36" }),
        ["impactLevel"] = "general",
        ["serviceAreas"] = new JsonArray("regional", "local"),
        ["statutoryDeadline"] = null,
        ["statistics"] = new JsonObject { ["monthlyAverage"] = 40, ["max"] = 90, ["min"] = 10 },
        ["channels"] = new JsonArray(new JsonObject { ["place"] = "สำนักทะเบียนอำเภอทุกแห่ง", ["phone"] = "1548", ["opens"] = "08:30", ["closes"] = "16:30" }),
        ["criteria"] = "เจ้าบ้านยื่นคำร้องภายใน 15 วันนับแต่วันที่สร้างบ้านเสร็จ",
        ["steps"] = new JsonArray(
            new JsonObject { ["kind"] = "document-check", ["detail"] = "ตรวจสอบคำร้องและเอกสาร", ["duration"] = new JsonObject { ["value"] = 15, ["unit"] = "minute" }, ["responsibleUnit"] = "สำนักทะเบียน" },
            new JsonObject { ["kind"] = "consideration", ["detail"] = "ตรวจสอบสถานที่และพิจารณา", ["duration"] = new JsonObject { ["value"] = 30, ["unit"] = "minute" }, ["responsibleUnit"] = "สำนักทะเบียน" },
            new JsonObject { ["kind"] = "signing", ["detail"] = "นายทะเบียนลงนามและออกเลขที่บ้าน", ["duration"] = new JsonObject { ["value"] = 15, ["unit"] = "minute" }, ["responsibleUnit"] = "นายทะเบียน" }),
        ["totalTime"] = new JsonObject { ["value"] = 1, ["unit"] = "hour" },
        ["identityDocuments"] = new JsonArray(new JsonObject { ["name"] = "บัตรประจำตัวประชาชน", ["issuer"] = "กรมการปกครอง", ["originals"] = 1, ["copies"] = 0, ["unit"] = "copy" },
            new JsonObject { ["name"] = "ทะเบียนบ้าน", ["issuer"] = "กรมการปกครอง", ["originals"] = 0, ["copies"] = 0, ["unit"] = "copy", ["obtainedByAgency"] = true }),
        ["otherDocuments"] = new JsonArray(new JsonObject { ["name"] = "ใบอนุญาตก่อสร้างอาคาร", ["originals"] = 1, ["copies"] = 1, ["unit"] = "copy" }),
        ["fees"] = new JsonObject { ["none"] = true, ["items"] = new JsonArray() },
        ["remarks"] = "ตัวอย่างสำหรับการทดสอบ",
    };
}
