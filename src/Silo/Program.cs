using CareGrid.Silo;
using CareGrid.Silo.Cli;

// `token …` and other verbs run without starting the service.
if (CliVerbs.IsVerb(args))
{
    return CliVerbs.Run(args);
}

var builder = WebApplication.CreateBuilder(CliVerbs.HostArgs(args));
builder.AddCareGrid();
var app = builder.Build();
app.UseCareGrid();
await app.RunAsync();
return 0;

/// <summary>Entry point of the CareGrid process, visible to the functional tests.</summary>
public partial class Program;
