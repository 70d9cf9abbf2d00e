using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>Every change writes an activity (the audit record) and, for datasets, an index operation, in the same transaction.</summary>
public static class Changes
{
    public static void Record(ActionContext ctx, string objectId, string activityType, JsonObject data) =>
        ctx.Db.Activities.Add(new Activity
        {
            Timestamp = ctx.Now,
            UserId = ctx.User?.Id,
            ObjectId = objectId,
            ActivityType = activityType,
            DataJson = data.ToJsonString(),
        });

    public static void Reindex(ActionContext ctx, string datasetId) =>
        ctx.Db.IndexOperations.Add(new IndexOperation { ItemId = datasetId, At = ctx.Now });

    /// <summary>
    /// For a dataset made whole in memory (package_create: its resources, tags, groups and organisation, no
    /// collaborators yet): once committed, the search index may take it as it is instead of reading it back.
    /// </summary>
    public static void Reindex(ActionContext ctx, Dataset created)
    {
        var op = new IndexOperation { ItemId = created.Id, At = ctx.Now };
        ctx.Db.IndexOperations.Add(op);
        ctx.Created.Add((op, created));
    }
}
