using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddEgdiValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "egdi_values",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Country = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    Egdi = table.Column<double>(type: "double precision", nullable: false),
                    Epi = table.Column<double>(type: "double precision", nullable: true),
                    Osi = table.Column<double>(type: "double precision", nullable: true),
                    Hci = table.Column<double>(type: "double precision", nullable: true),
                    Tii = table.Column<double>(type: "double precision", nullable: true),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    Imported = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_egdi_values", x => new { x.Year, x.Country });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "egdi_values");
        }
    }
}
