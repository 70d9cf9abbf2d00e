var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "GovChannel");
app.Run();

public partial class Program;
