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
        ctx.Db.IndexOperations.Add(new IndexOperation { DatasetId = datasetId, At = ctx.Now });
}
