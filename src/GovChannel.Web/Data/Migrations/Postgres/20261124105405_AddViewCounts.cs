using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddViewCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "view_counts",
                columns: table => new
                {
                    DatasetId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_view_counts", x => new { x.DatasetId, x.ResourceId, x.Day });
                    table.ForeignKey(
                        name: "FK_view_counts_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_view_counts_Day",
                table: "view_counts",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "view_counts");
        }
    }
}
