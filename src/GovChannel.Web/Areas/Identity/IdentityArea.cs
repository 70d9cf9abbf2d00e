using Microsoft.AspNetCore.Identity;

namespace GovChannel.Web.Areas.Identity;

public static class IdentityArea
{
    public static void AddIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
    }
}
