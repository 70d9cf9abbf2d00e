using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovChannel.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "citizen_manuals",
                type: "text",
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
