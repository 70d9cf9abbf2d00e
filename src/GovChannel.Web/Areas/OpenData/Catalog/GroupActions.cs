using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

public static class GroupActions
{
    public static void Register(ActionTable t)
    {
    }
}
