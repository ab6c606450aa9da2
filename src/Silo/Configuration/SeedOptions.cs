using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>The demo seed (<see cref="Seeding.DemoSeeder"/>), configuration section <c>Seed</c>; <c>--no-seed</c> sets <c>Seed:Demo=false</c>.</summary>
public sealed class SeedOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Seed";

    /// <summary>Load the demo tenants on start (default true).</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Folder of seed files; empty = <c>&lt;app&gt;/seeds/demo</c>. A missing folder starts the service without demo data (logged).</summary>
    public string? Path { get; set; }

    /// <summary>The folder the seed is read from.</summary>
    public string Folder => string.IsNullOrEmpty(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "seeds", "demo") : Path;
}

/// <summary>Checks <see cref="SeedOptions"/>: <c>Seed:Path</c>, when set, holds no character a path cannot hold.</summary>
public sealed class SeedOptionsValidator : IValidateOptions<SeedOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(SeedOptions.Section)
            .Require(options.Path is null || options.Path.IndexOfAny(Path.GetInvalidPathChars()) < 0, nameof(options.Path), "must be a folder path", $"'{options.Path}'")
            .Result();
    }
}

/// <summary>
/// The jurisdiction templates folder, configuration section <c>Templates</c> (read by the grains' template catalog; this
/// class only checks it at start).
/// </summary>
public sealed class TemplatesOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Templates";

    /// <summary>Folder of jurisdiction templates; empty = <c>&lt;app&gt;/seeds/templates</c>.</summary>
    public string? Path { get; set; }
}

/// <summary>Checks <see cref="TemplatesOptions"/>: <c>Templates:Path</c>, when set, is an existing folder (every onboarding reads it).</summary>
public sealed class TemplatesOptionsValidator : IValidateOptions<TemplatesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TemplatesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(TemplatesOptions.Section)
            .Require(string.IsNullOrEmpty(options.Path) || Directory.Exists(options.Path), nameof(options.Path),
                "must be an existing folder of jurisdiction templates", $"'{options.Path}'")
            .Result();
    }
}
