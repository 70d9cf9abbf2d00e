using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Areas.Identity;

/// <summary>The user dict of user_show and user_list (CKAN's user_dictize). E-mail only for the user and sysadmins.</summary>
public static class UserDict
{
    public static JsonObject Build(User u, int? numberCreatedPackages, bool includeEmail, string siteUrl)
    {
        var dict = new JsonObject
        {
            ["about"] = u.About,
            ["activity_streams_email_notifications"] = false,
            ["created"] = Clock.Iso(u.Created),
            ["display_name"] = string.IsNullOrEmpty(u.FullName) ? u.Name : u.FullName,
            ["email_hash"] = EmailHash(u.Email),
            ["fullname"] = u.FullName,
            ["id"] = u.Id,
            ["image_display_url"] = u.ImageUrl is { Length: > 0 } img
                ? (img.Contains("://", StringComparison.Ordinal) ? img : siteUrl + "/uploads/user/" + img) : "",
            ["image_url"] = u.ImageUrl ?? "",
            ["name"] = u.Name,
            ["state"] = u.State,
            ["sysadmin"] = u.Sysadmin,
        };
        if (numberCreatedPackages is { } n)
        {
            dict["number_created_packages"] = n;
        }
        if (includeEmail)
        {
            dict["email"] = u.Email;
        }
        return dict;
    }

    /// <summary>CKAN's email_hash is an MD5 of the lower-cased address (a Gravatar key), not a secret.</summary>
    private static string EmailHash(string? email)
    {
#pragma warning disable CA5351 // MD5 is what the wire format is, not a security measure.
        var bytes = MD5.HashData(Encoding.UTF8.GetBytes((email ?? "").Trim().ToLowerInvariant()));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(bytes);
    }
}
