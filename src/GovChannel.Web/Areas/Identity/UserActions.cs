using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Identity;

public static class UserActions
{
    public static void Register(ActionTable t)
    {
    }
}
