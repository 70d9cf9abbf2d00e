using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

public static class TagActions
{
    public static void Register(ActionTable t)
    {
    }
}
