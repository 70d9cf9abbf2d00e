using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManualWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "citizen_manuals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "citizen_manuals",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "citizen_manuals");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "citizen_manuals");
        }
    }
}
