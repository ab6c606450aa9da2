using CareGrid.Silo;
using CareGrid.Silo.Cli;

// The command line's own texts ("Usage:", "Options:") in the language of LANG / LC_ALL (docs/operations.md).
CliCulture.ApplyFromEnvironment();

// A verb, --help or a usage error ends here, without starting the service or opening a port.
var command = CareGridCommandLine.Parse(args, Console.Out, Console.Error);
if (command.ExitCode is { } exitCode)
{
    return exitCode;
}

return await CareGridService.RunAsync(command.HostArgs, Console.Error);

/// <summary>Entry point of the CareGrid process, visible to the functional tests.</summary>
public partial class Program;
