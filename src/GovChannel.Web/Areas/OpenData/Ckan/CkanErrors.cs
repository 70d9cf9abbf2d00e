using System.Text.Json.Nodes;

namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>
/// The errors an action can raise. Each maps to CKAN's HTTP status and <c>__type</c> string exactly
/// (reference/ckan.md §2.4): ckanapi ignores the status and reads <c>__type</c>.
/// </summary>
public abstract class CkanException(string message) : Exception(message)
{
    public abstract int Status { get; }
    public abstract string TypeName { get; }
    public abstract JsonObject ErrorBody();
}

/// <summary>HTTP 409. The error dict's keys sit directly inside <c>error</c>.</summary>
public sealed class ValidationError : CkanException
{
    public ValidationError(JsonObject errors) : base("Validation Error") => Errors = errors;
    public ValidationError(string field, string message) : this(new JsonObject { [field] = new JsonArray(message) }) { }
    public static ValidationError WithMessage(string message) => new(new JsonObject { ["message"] = message });

    public JsonObject Errors { get; }
    public override int Status => 409;
    public override string TypeName => "Validation Error";
    public override JsonObject ErrorBody()
    {
        var body = (JsonObject)Errors.DeepClone();
        body["__type"] = TypeName;
        return body;
    }
}

public sealed class NotFound(string? detail = null) : CkanException(detail is null ? "Not found" : "Not found: " + detail)
{
    public override int Status => 404;
    public override string TypeName => "Not Found Error";
    public override JsonObject ErrorBody() => new() { ["message"] = Message, ["__type"] = TypeName };
}

public sealed class NotAuthorized(string? detail = null) : CkanException(detail is null ? "Access denied" : "Access denied: " + detail)
{
    public override int Status => 403;
    public override string TypeName => "Authorization Error";
    public override JsonObject ErrorBody() => new() { ["message"] = Message, ["__type"] = TypeName };
}

public sealed class SearchQueryError(string detail) : CkanException("Search Query is invalid: " + detail)
{
    public override int Status => 400;
    public override string TypeName => "Search Query Error";
    public override JsonObject ErrorBody() => new() { ["message"] = Message, ["__type"] = TypeName };
}

public sealed class SearchError(string detail) : CkanException("Search error: " + detail)
{
    public override int Status => 409;
    public override string TypeName => "Search Error";
    public override JsonObject ErrorBody() => new() { ["message"] = Message, ["__type"] = TypeName };
}

/// <summary>The bare-string HTTP 400 that CKAN's view layer answers before any action runs.</summary>
public sealed class BadRequest(string detail) : Exception("Bad request - " + detail);
