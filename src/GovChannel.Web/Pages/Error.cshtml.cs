using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Pages;

/// <summary>Status-code and exception pages (re-executed by the middleware), in the visitor's language.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PortalPage
{
    public int Code { get; private set; }

    public void OnGet(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        if (Code is >= 400 and < 600)
        {
            Response.StatusCode = Code;
        }
    }

    public void OnPost(int? code) => OnGet(code);
}
