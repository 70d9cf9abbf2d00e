namespace GovChannel.Web.Areas.Identity;

public sealed class User
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Name { get; set; }
    public string? FullName { get; set; }
    public string? Email { get; set; }
    public string? About { get; set; }
    public string? ImageUrl { get; set; }
    /// <summary>PBKDF2 hash from ASP.NET Core's PasswordHasher; never the password.</summary>
    public string? PasswordHash { get; set; }
    public bool Sysadmin { get; set; }
    public string State { get; set; } = "active";
    public DateTime Created { get; set; }
}

/// <summary>
/// An API token. The JWT itself is never stored: only its id (<c>jti</c>) and a SHA-256 of the whole token, so a copy
/// of the database yields no usable token, and the signing key lives outside the database.
/// </summary>
public sealed class ApiToken
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public string Name { get; set; } = "";
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastAccess { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
