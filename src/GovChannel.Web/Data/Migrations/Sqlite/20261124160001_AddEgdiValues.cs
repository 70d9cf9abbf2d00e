using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Sqlite
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
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    Egdi = table.Column<double>(type: "REAL", nullable: false),
                    Epi = table.Column<double>(type: "REAL", nullable: true),
                    Osi = table.Column<double>(type: "REAL", nullable: true),
                    Hci = table.Column<double>(type: "REAL", nullable: true),
                    Tii = table.Column<double>(type: "REAL", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    Imported = table.Column<DateTime>(type: "TEXT", nullable: false)
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
