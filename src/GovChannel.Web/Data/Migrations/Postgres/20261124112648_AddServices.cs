using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "apps",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    NameEn = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: false),
                    OwnerOrgId = table.Column<string>(type: "text", nullable: false),
                    Category = table.Column<string>(type: "text", nullable: false),
                    Platforms = table.Column<string>(type: "text", nullable: false),
                    StoreLinksJson = table.Column<string>(type: "text", nullable: false),
                    ScreenshotsJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_apps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_apps_groups_OwnerOrgId",
                        column: x => x.OwnerOrgId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "citizen_manuals",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    OwnerOrgId = table.Column<string>(type: "text", nullable: false),
                    CopiedFromId = table.Column<string>(type: "character varying(36)", nullable: true),
                    Name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LatestRevision = table.Column<int>(type: "integer", nullable: false),
                    PublishedRevision = table.Column<int>(type: "integer", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatorUserId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_manuals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_citizen_manuals_citizen_manuals_CopiedFromId",
                        column: x => x.CopiedFromId,
                        principalTable: "citizen_manuals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_citizen_manuals_groups_OwnerOrgId",
                        column: x => x.OwnerOrgId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "news",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    OwnerOrgId = table.Column<string>(type: "text", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_news", x => x.Id);
                    table.ForeignKey(
                        name: "FK_news_groups_OwnerOrgId",
                        column: x => x.OwnerOrgId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "app_ratings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    AppId = table.Column<string>(type: "character varying(36)", nullable: false),
                    UserId = table.Column<string>(type: "character varying(36)", nullable: false),
                    Stars = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    ModeratedBy = table.Column<string>(type: "text", nullable: true),
                    ModeratedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_ratings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_app_ratings_apps_AppId",
                        column: x => x.AppId,
                        principalTable: "apps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_app_ratings_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "citizen_manual_revisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ManualId = table.Column<string>(type: "character varying(36)", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContentJson = table.Column<string>(type: "text", nullable: false),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    ApprovedBy = table.Column<string>(type: "text", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "text", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_manual_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_citizen_manual_revisions_citizen_manuals_ManualId",
                        column: x => x.ManualId,
                        principalTable: "citizen_manuals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "eservices",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    NameEn = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: false),
                    OwnerOrgId = table.Column<string>(type: "text", nullable: false),
                    ManualId = table.Column<string>(type: "character varying(36)", nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "text", nullable: false),
                    Channels = table.Column<string>(type: "text", nullable: false),
                    Audiences = table.Column<string>(type: "text", nullable: false),
                    LifeEvents = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "text", nullable: false),
                    LaunchedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eservices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eservices_citizen_manuals_ManualId",
                        column: x => x.ManualId,
                        principalTable: "citizen_manuals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_eservices_groups_OwnerOrgId",
                        column: x => x.OwnerOrgId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_app_ratings_AppId_UserId",
                table: "app_ratings",
                columns: new[] { "AppId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_app_ratings_State",
                table: "app_ratings",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_app_ratings_UserId",
                table: "app_ratings",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_apps_OwnerOrgId",
                table: "apps",
                column: "OwnerOrgId");

            migrationBuilder.CreateIndex(
                name: "IX_apps_Slug",
                table: "apps",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_citizen_manual_revisions_ManualId_Number",
                table: "citizen_manual_revisions",
                columns: new[] { "ManualId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_citizen_manuals_CopiedFromId",
                table: "citizen_manuals",
                column: "CopiedFromId");

            migrationBuilder.CreateIndex(
                name: "IX_citizen_manuals_OwnerOrgId",
                table: "citizen_manuals",
                column: "OwnerOrgId");

            migrationBuilder.CreateIndex(
                name: "IX_eservices_ManualId",
                table: "eservices",
                column: "ManualId");

            migrationBuilder.CreateIndex(
                name: "IX_eservices_OwnerOrgId",
                table: "eservices",
                column: "OwnerOrgId");

            migrationBuilder.CreateIndex(
                name: "IX_eservices_Slug",
                table: "eservices",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_news_OwnerOrgId",
                table: "news",
                column: "OwnerOrgId");

            migrationBuilder.CreateIndex(
                name: "IX_news_PublishedAt",
                table: "news",
                column: "PublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_ratings");

            migrationBuilder.DropTable(
                name: "citizen_manual_revisions");

            migrationBuilder.DropTable(
                name: "eservices");

            migrationBuilder.DropTable(
                name: "news");

            migrationBuilder.DropTable(
                name: "apps");

            migrationBuilder.DropTable(
                name: "citizen_manuals");
        }
    }
}
