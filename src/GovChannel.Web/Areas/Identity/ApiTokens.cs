using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GovChannel.Web.Areas.Identity;

/// <summary>
/// CKAN-style API tokens: an HS256 JWT carrying <c>jti</c> and <c>iat</c> (and <c>exp</c> when asked). The database holds
/// the token id and a SHA-256 of the token; the signing key comes from settings or a key file in the data directory,
/// never from the database, so a stolen database yields no usable token.
/// </summary>
public sealed class ApiTokens(GovChannelSettings settings, TimeProvider time)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(LoadOrCreateSecret(settings)));
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<(ApiToken Row, string Token)> CreateAsync(GovDb db, User user, string name, TimeSpan? lifetime, CancellationToken ct)
    {
        var now = Clock.Now(time);
        var id = Base64Url(RandomNumberGenerator.GetBytes(24));
        var claims = new Dictionary<string, object>
        {
            ["jti"] = id,
            ["iat"] = new DateTimeOffset(now).ToUnixTimeSeconds(),
        };
        DateTime? expires = lifetime is { } l ? now + l : null;
        if (expires is { } e)
        {
            claims["exp"] = new DateTimeOffset(e).ToUnixTimeSeconds();
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        });
        var row = new ApiToken { Id = id, UserId = user.Id, Name = name, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = expires };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (row, token);
    }

    /// <summary>The token's owner, or null for anything not a live token (CKAN treats a bad token as anonymous).</summary>
    public async Task<User?> ValidateAsync(GovDb db, string token, CancellationToken ct)
    {
        if (token.Length > 4096)
        {
            return null;
        }
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = _key.Value,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = false,
            LifetimeValidator = (_, expires, _, _) => expires is null || expires.Value > time.GetUtcNow().UtcDateTime,
        });
        if (!result.IsValid || result.Claims.TryGetValue("jti", out var jti) is false || jti is not string id)
        {
            return null;
        }
        // The token row and its active owner in one query (this runs for every API call that carries a token).
        var found = await db.ApiTokens.Where(t => t.Id == id)
            .Join(db.Users.Where(u => u.State == "active"), t => t.UserId, u => u.Id, (t, u) => new { t.TokenHash, t.LastAccess, User = u })
            .SingleOrDefaultAsync(ct);
        if (found is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.TokenHash), Encoding.ASCII.GetBytes(Hash(token))))
        {
            return null;
        }
        var now = Clock.Now(time);
        // Record use, but not on every request: a write per read would serialise a busy API on SQLite.
        if (found.LastAccess is null || now - found.LastAccess > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastAccess, now), ct);
        }
        return found.User;
    }

    /// <summary>The token id a caller may pass to api_token_revoke: <c>jti</c> directly, or read from the token.</summary>
    public string? JtiOf(string token)
    {
        try
        {
            return _handler.ReadJsonWebToken(token).Id;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] LoadOrCreateSecret(GovChannelSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.TokenSecret))
        {
            return SHA256.HashData(Encoding.UTF8.GetBytes(settings.TokenSecret));
        }
        var path = Path.Combine(settings.DataDirectory, "token-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(settings.DataDirectory);
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(RandomNumberGenerator.GetBytes(64));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }
        return File.ReadAllBytes(path);
    }
}
