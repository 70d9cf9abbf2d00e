using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNewsShowcasesRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AttachmentKey",
                table: "news",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "news",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AttachmentSize",
                table: "news",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "news",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "news");

            migrationBuilder.AddColumn<DateTime>(
                name: "Modified",
                table: "news",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dataset_requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reply = table.Column<string>(type: "TEXT", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dataset_requests_groups_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "showcase_packages",
                columns: table => new
                {
                    ShowcaseId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_showcase_packages", x => new { x.ShowcaseId, x.DatasetId });
                    table.ForeignKey(
                        name: "FK_showcase_packages_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_showcase_packages_datasets_ShowcaseId",
                        column: x => x.ShowcaseId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_news_Kind_PublishedAt",
                table: "news",
                columns: new[] { "Kind", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_requests_Created",
                table: "dataset_requests",
                column: "Created");

            migrationBuilder.CreateIndex(
                name: "IX_dataset_requests_OrganizationId_Status",
                table: "dataset_requests",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_showcase_packages_DatasetId",
                table: "showcase_packages",
                column: "DatasetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_requests");

            migrationBuilder.DropTable(
                name: "showcase_packages");

            migrationBuilder.DropIndex(
                name: "IX_news_Kind_PublishedAt",
                table: "news");

            migrationBuilder.DropColumn(
                name: "AttachmentKey",
                table: "news");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "news");

            migrationBuilder.DropColumn(
                name: "AttachmentSize",
                table: "news");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "news");

            migrationBuilder.DropColumn(
                name: "Modified",
                table: "news");
        }
    }
}
