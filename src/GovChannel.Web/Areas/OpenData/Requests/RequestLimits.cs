using System.Threading.RateLimiting;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.RateLimiting;

namespace GovChannel.Web.Areas.OpenData.Requests;

/// <summary>
/// The request-a-dataset form is an anonymous write path (DESIGN decision 10): a fixed window per client IP address for
/// its POSTs, so a script cannot flood an agency's inbox. GETs are never limited. A refused POST gets 429 and the
/// status-code page explains it in the visitor's language.
/// </summary>
public static class RequestLimits
{
    public const string Policy = "dataset-request";

    public static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("GovChannel");
        var permits = section.GetValue("DatasetRequestsPerWindow", 5);
        var window = TimeSpan.FromSeconds(section.GetValue("DatasetRequestWindowSeconds", 600));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
    }
}
