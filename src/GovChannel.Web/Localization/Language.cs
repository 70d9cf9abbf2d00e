using System.Globalization;
using GovChannel.Thai;
using Microsoft.AspNetCore.Diagnostics;

namespace GovChannel.Web.Localization;

/// <summary>
/// The page language: Thai unless the visitor chose English with <c>?lang=en</c> (remembered in a cookie). Only the
/// string table and date display change; <see cref="CultureInfo.CurrentCulture"/> is never set to th-TH, whose
/// Buddhist calendar would change how every machine-read date is parsed and written.
/// </summary>
public static class Language
{
    public const string Thai = "th";
    public const string English = "en";
    public const string CookieName = "lang";

    public static string Current(HttpContext? http) =>
        http?.Items.TryGetValue(CookieName, out var lang) == true && lang is string s ? s : Thai;

    private static string? Known(string? value) => value switch
    {
        Thai => Thai,
        English => English,
        _ => null,
    };

    /// <summary>Reads <c>?lang=</c> (and stores the choice) or the cookie; also keeps HTML error pages off the JSON API.</summary>
    public static async Task Middleware(HttpContext http, Func<Task> next)
    {
        var fromQuery = Known(http.Request.Query[CookieName].ToString());
        if (fromQuery is not null && http.Request.Cookies[CookieName] != fromQuery)
        {
            http.Response.Cookies.Append(CookieName, fromQuery, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true,
                Secure = http.Request.IsHttps,
            });
        }
        // An error page re-executed for this request (its query gone, the new cookie not sent yet) keeps the request's language.
        http.Items[CookieName] = fromQuery ?? Known(http.Items[CookieName] as string) ?? Known(http.Request.Cookies[CookieName]) ?? Thai;
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        await next();
    }

    /// <summary>The current URL with <c>lang</c> set, for the switch on every page.</summary>
    public static string SwitchUrl(HttpRequest request, string lang)
    {
        var query = request.Query.Where(kv => kv.Key != CookieName)
            .SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v ?? "")))
            .Append(CookieName + "=" + lang);
        return request.PathBase + request.Path + "?" + string.Join("&", query);
    }

    /// <summary>Thailand has one zone, UTC+7, with no daylight saving; dates are stored in UTC.</summary>
    public static DateTime ToThaiTime(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(7);

    public static string FormatDate(DateTime utc, string lang) => lang == Thai
        ? ThaiDates.Format(DateOnly.FromDateTime(ToThaiTime(utc)), ThaiDateStyle.Abbreviated)
        : ToThaiTime(utc).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTime utc, string lang) => lang == Thai
        ? ThaiDates.Format(ToThaiTime(utc), ThaiDateStyle.Abbreviated)
        : ToThaiTime(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
