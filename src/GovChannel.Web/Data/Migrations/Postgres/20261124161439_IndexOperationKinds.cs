using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndexOperationKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "DatasetId",
                table: "index_operations",
                newName: "ItemId");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "index_operations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "index_operations");

            migrationBuilder.RenameColumn(
                name: "ItemId",
                table: "index_operations",
                newName: "DatasetId");
        }
    }
}
