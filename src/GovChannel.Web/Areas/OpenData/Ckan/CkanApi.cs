using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Http.Features;

namespace GovChannel.Web.Areas.OpenData.Ckan;

public delegate Task<JsonNode?> CkanAction(ActionContext ctx);

/// <summary>
/// For a read action whose answer depends only on the search index, the caller's permissions and the parameters: a
/// key for what the caller may see (equal keys see the same datasets), or null not to cache this call.
/// </summary>
public delegate Task<string?> CacheScope(ActionContext ctx);

/// <param name="SideEffectFree">Read actions: callable with GET, parameters from the query string.</param>
/// <param name="Cache">Set for actions whose responses <see cref="ResponseCache"/> may keep.</param>
public sealed record ActionDef(string Name, bool SideEffectFree, CkanAction Handler, CacheScope? Cache = null);

public sealed class ActionTable
{
    private readonly Dictionary<string, ActionDef> _actions = new(StringComparer.Ordinal);

    public void Read(string name, CkanAction handler, CacheScope? cache = null) => _actions.Add(name, new ActionDef(name, true, handler, cache));
    public void Write(string name, CkanAction handler) => _actions.Add(name, new ActionDef(name, false, handler));
    public ActionDef? Find(string name) => _actions.GetValueOrDefault(name);
    public IEnumerable<string> Names => _actions.Keys;
}

/// <summary>
/// The CKAN Action API v3 wire contract (reference/ckan.md §2): routes, request decoding, the envelope, error shapes,
/// token headers and JSONP. Actions themselves live beside their entities.
/// </summary>
public static class CkanApi
{
    public static readonly ActionTable Actions = BuildTable();

    private static ActionTable BuildTable()
    {
        var table = new ActionTable();
        SiteActions.Register(table);
        Catalog.PackageActions.Register(table);
        Catalog.ResourceActions.Register(table);
        Catalog.GroupActions.Register(table);
        Catalog.MemberActions.Register(table);
        Catalog.TagActions.Register(table);
        Catalog.ActivityActions.Register(table);
        UserActions.Register(table);
        Search.SearchActions.Register(table);
        Datastore.DatastoreActions.Register(table);
        Showcases.ShowcaseActions.Register(table);
        return table;
    }

    public static void MapCkanApi(this WebApplication app)
    {
        string[] methods = ["GET", "POST", "PUT"];
        app.MapMethods("/api/action/{name}", methods, (HttpContext http, string name) => HandleAsync(http, name)).DisableAntiforgery();
        app.MapMethods("/api/{version:int}/action/{name}", methods, (HttpContext http, int version, string name) =>
            version == 3 ? HandleAsync(http, name) : Task.FromResult(Results.NotFound())).DisableAntiforgery();
        app.MapGet("/api", () => Version(1));
        app.MapGet("/api/{version:int}", (int version) => version is >= 1 and <= 3 ? Version(version) : Results.NotFound());
        Autocomplete.MapAutocomplete(app);
    }

    private static IResult Version(int version) =>
        Results.Text("{\"version\": " + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", "application/json;charset=utf-8");

    private static async Task<IResult> HandleAsync(HttpContext http, string name)
    {
        var action = Actions.Find(name);
        if (action is null)
        {
            return BareBadRequest("Action name not known: " + name);
        }
        var settings = http.RequestServices.GetRequiredService<GovChannelSettings>();
        var help = SiteUrl(http, settings) + "/api/3/action/help_show?name=" + Uri.EscapeDataString(name);
        var isGet = HttpMethods.IsGet(http.Request.Method);
        var callback = isGet ? http.Request.Query["callback"].ToString() : "";

        JsonObject data;
        Dictionary<string, IFormFile> files;
        try
        {
            (data, files) = await DecodeAsync(http, action, isGet);
        }
        catch (BadRequest e)
        {
            return BareBadRequest(e.Message["Bad request - ".Length..]);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Envelope(help, false, new ValidationError("upload", "File upload too large").ErrorBody(), 409, "");
        }
        catch (InvalidDataException)
        {
            // Multipart bodies over the form limits (FormOptions) end here.
            return Envelope(help, false, new ValidationError("upload", "File upload too large").ErrorBody(), 409, "");
        }
        data.Remove("callback");

        var db = http.RequestServices.GetRequiredService<GovDb>();
        // JSONP requests are served as anonymous, as in CKAN: a token must never be usable from a <script> tag.
        var user = string.IsNullOrEmpty(callback) ? await CurrentUserAsync(http, db) : null;
        // A write authenticated only by the sign-in cookie must carry an antiforgery token (CKAN 2.10+ does the same);
        // otherwise another site could post a form as the signed-in publisher. API tokens need no such check.
        if (user is not null && !isGet && TokenFromHeaders(http.Request.Headers) is null && !await CookieWriteAllowedAsync(http))
        {
            user = null;
        }
        var ctx = new ActionContext(http, db, user, data, name) { ResultIsOnlySerialised = true };
        foreach (var (key, file) in files)
        {
            ctx.Files[key] = file;
        }

        try
        {
            JsonNode? result;
            if (action.SideEffectFree)
            {
                var cache = action.Cache is null || !string.IsNullOrEmpty(callback) ? null : http.RequestServices.GetRequiredService<ResponseCache>();
                if (cache is { Enabled: true })
                {
                    // The generation is read before the search runs, so an entry is never keyed newer than its data.
                    var generation = http.RequestServices.GetRequiredService<SearchIndex>().Generation;
                    var key = await CacheKeyAsync(action, ctx, help);
                    if (key is not null && cache.Get(generation, key) is { } hit)
                    {
                        return new JsonBody(hit, 200, JsonType, Cached: true);
                    }
                    var body = new ResponseBody(EnvelopeBytes(help, true, await action.Handler(ctx)));
                    if (key is not null)
                    {
                        cache.Put(generation, key, body);
                    }
                    return new JsonBody(body, 200, JsonType, Cached: key is not null);
                }
                result = await action.Handler(ctx);
            }
            else
            {
                result = await WriteAsync(ctx, action.Handler);
            }
            return Envelope(help, true, result, 200, callback);
        }
        catch (CkanException e)
        {
            db.ChangeTracker.Clear();
            return Envelope(help, false, e.ErrorBody(), e.Status, "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GovChannel.Ckan")
                .LogError(e, "Action {Action} failed", name);
            return Envelope(help, false, new JsonObject { ["message"] = "Internal Server Error", ["__type"] = "Internal Server Error" }, 500, "");
        }
    }

    /// <summary>
    /// A write action in one transaction (a failed create or update leaves nothing half-written), then the search index
    /// applies the operations it queued before the caller gets the answer (read-your-writes).
    /// </summary>
    public static async Task<JsonNode?> WriteAsync(ActionContext ctx, CkanAction handler)
    {
        var ct = ctx.Http.RequestAborted;
        var result = await ctx.Db.InWriteTransactionAsync(() => handler(ctx), ct);
        await ctx.Service<SearchIndex>().CatchUpAsync(ct, ctx.Created);
        return result;
    }

    public static async Task<User?> CurrentUserAsync(HttpContext http, GovDb db)
    {
        if (http.Items.TryGetValue(typeof(User), out var cached))
        {
            return cached as User;
        }
        User? user = null;
        var token = TokenFromHeaders(http.Request.Headers);
        if (token is not null)
        {
            user = await http.RequestServices.GetRequiredService<ApiTokens>().ValidateAsync(db, token, http.RequestAborted);
        }
        else if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst("uid")?.Value is { } uid)
        {
            user = await db.Users.FindAsync([uid], http.RequestAborted);
            if (user?.State != "active")
            {
                user = null;
            }
        }
        http.Items[typeof(User)] = user;
        return user;
    }

    private static async Task<bool> CookieWriteAllowedAsync(HttpContext http) =>
        http.RequestServices.GetService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>() is { } antiforgery
        && await antiforgery.IsRequestValidAsync(http);

    /// <summary>CKAN reads <c>Authorization: &lt;token&gt;</c>; ckanapi and proxies also send <c>X-CKAN-API-Key</c> and Bearer.</summary>
    private static string? TokenFromHeaders(IHeaderDictionary headers)
    {
        foreach (var header in new[] { "Authorization", "X-CKAN-API-Key" })
        {
            var value = headers[header].ToString().Trim();
            if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                value = value["Bearer ".Length..].Trim();
            }
            if (value.Length > 0)
            {
                return value;
            }
        }
        return null;
    }

    private static async Task<(JsonObject, Dictionary<string, IFormFile>)> DecodeAsync(HttpContext http, ActionDef action, bool isGet)
    {
        var files = new Dictionary<string, IFormFile>(StringComparer.Ordinal);
        var request = http.Request;
        if (isGet)
        {
            if (!action.SideEffectFree)
            {
                throw new BadRequest("JSON Error: Invalid request. Please use POST method for your request");
            }
            var fromQuery = new JsonObject();
            foreach (var (key, values) in request.Query)
            {
                fromQuery[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
            return (fromQuery, files);
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            // Legacy "JSON as key": one field whose value is '1' or '' carries the whole request as its key.
            if (form.Count == 1 && form.Files.Count == 0 && form.First() is var only && (only.Value.ToString() is "1" or ""))
            {
                return (ParseObject(only.Key), files);
            }
            var fromForm = new JsonObject();
            foreach (var (key, values) in form)
            {
                fromForm[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
            foreach (var file in form.Files)
            {
                files[file.Name] = file;
            }
            return (fromForm, files);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            // A POST without a body is an empty data dict. CKAN also accepts query parameters here for side-effect-free actions.
            var empty = new JsonObject();
            if (action.SideEffectFree)
            {
                foreach (var (key, values) in request.Query)
                {
                    empty[key] = JsonValue.Create(values.ToString());
                }
            }
            return (empty, files);
        }
        return (ParseObject(body), files);
    }

    private static JsonObject ParseObject(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new BadRequest("JSON Error: Error decoding JSON data. Error: " + e.Message + " JSON data extracted from the request: " + Truncate(text));
        }
        return node as JsonObject ?? throw new BadRequest(
            "JSON Error: Request data JSON decoded to " + Truncate(text) + " but it needs to be a dictionary.");
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static IResult BareBadRequest(string detail) =>
        Results.Text(JsonSerializer.Serialize("Bad request - " + detail, CkanJson.Options), "application/json;charset=utf-8", statusCode: 400);

    private const string JsonType = "application/json;charset=utf-8";

    private static IResult Envelope(string help, bool success, JsonNode? payload, int status, string callback)
    {
        var body = EnvelopeBytes(help, success, payload);
        if (!string.IsNullOrEmpty(callback) && status == 200)
        {
            return Results.Text(SafeCallback(callback) + "(" + Encoding.UTF8.GetString(body) + ");", "application/javascript;charset=utf-8", statusCode: 200);
        }
        return new JsonBody(new ResponseBody(body), status, JsonType);
    }

    private static byte[] EnvelopeBytes(string help, bool success, JsonNode? payload)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, CkanJson.WriterOptions))
        {
            new JsonObject { ["help"] = help, ["success"] = success, [success ? "result" : "error"] = payload }.WriteTo(writer, CkanJson.Options);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The caller's permission scope, the help URL (it holds the site's URL and the action) and the parameters, in key
    /// order. Null (not cached) for queries with date math: <c>NOW</c> moves while the index stands still.
    /// </summary>
    private static async Task<string?> CacheKeyAsync(ActionDef action, ActionContext ctx, string help)
    {
        if (await action.Cache!(ctx) is not { } scope)
        {
            return null;
        }
        var key = new StringBuilder(scope).Append('\n').Append(help);
        foreach (var (name, value) in ctx.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            key.Append('\n').Append(JsonSerializer.Serialize(name)).Append(':').Append(value?.ToJsonString() ?? "null");
        }
        var text = key.ToString();
        return text.Contains("NOW", StringComparison.Ordinal) ? null : text;
    }

    /// <summary>
    /// A response body already serialised (the envelope's bytes, possibly from <see cref="ResponseCache"/>), gzipped
    /// when the client accepts gzip and the body is larger than one TCP segment; a cached body keeps its compressed form.
    /// </summary>
    /// <param name="Cached">The body is (or will be) sent again: compress it well, once.</param>
    private sealed record JsonBody(ResponseBody Body, int Status, string ContentType, bool Cached = false) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = Status;
            response.ContentType = ContentType;
            var bytes = Body.Bytes;
            if (bytes.Length >= ResponseBody.CompressFrom)
            {
                response.Headers.Vary = "Accept-Encoding";
                if (AcceptsGzip(http.Request))
                {
                    bytes = Body.Gzip(Cached ? CompressionLevel.Optimal : CompressionLevel.Fastest);
                    response.Headers.ContentEncoding = "gzip";
                }
            }
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes.AsMemory(), http.RequestAborted).AsTask();
        }
    }

    /// <summary>
    /// Accept-Encoding names gzip (or <c>*</c>) with a quality above zero (RFC 9110 §12.5.3: <c>gzip;q=0</c> refuses
    /// it, an explicit gzip entry overrides <c>*</c>).
    /// </summary>
    internal static bool AcceptsGzip(HttpRequest request)
    {
        if (request.Headers.AcceptEncoding.Count == 0)
        {
            return false;
        }
        double? gzip = null;
        double? any = null;
        foreach (var coding in request.GetTypedHeaders().AcceptEncoding)
        {
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, coding.Quality ?? 1);
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = coding.Quality ?? 1;
            }
        }
        return (gzip ?? any ?? 0) > 0;
    }

    /// <summary>Only identifier characters in a JSONP callback name, so it cannot inject script.</summary>
    private static string SafeCallback(string callback) =>
        new(callback.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '$').Take(128).ToArray());

    public static string SiteUrl(HttpContext http, GovChannelSettings settings) =>
        !string.IsNullOrEmpty(settings.SiteUrl) ? settings.SiteUrl.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    public static void ConfigureLimits(WebApplicationBuilder builder, GovChannelSettings settings)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxUploadBytes + 1024 * 1024);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = settings.MaxUploadBytes);
    }
}
