using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo.WebConsole;

/// <summary>Where the built web console is served from, configuration section <c>Console</c> (docs/console.md "Serving").</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Console";

    /// <summary>
    /// Folder of the built console (its <c>index.html</c> and <c>assets/</c>); empty = <c>&lt;app&gt;/wwwroot</c>, where the
    /// <c>src/Silo</c> build copies <c>src/Web/dist</c>. A folder without <c>index.html</c> serves the page that says how to build it.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>The folder the console is served from.</summary>
    public string Folder => string.IsNullOrEmpty(Root) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.GetFullPath(Root);
}

/// <summary>Checks <see cref="ConsoleOptions"/>: <c>Console:Root</c>, when set, holds no character a path cannot hold.</summary>
public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(ConsoleOptions.Section)
            .Require(options.Root is null || options.Root.IndexOfAny(Path.GetInvalidPathChars()) < 0, nameof(options.Root), "must be a folder path", $"'{options.Root}'")
            .Result();
    }
}
