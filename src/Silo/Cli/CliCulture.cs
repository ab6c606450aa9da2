using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace CareGrid.Silo.Cli;

/// <summary>
/// The language of the command line's own texts (System.CommandLine's "Usage:", "Options:", its parse errors), which it
/// reads from its satellite resources (<c>zh-Hans/System.CommandLine.resources.dll</c> and others) by the UI culture. The
/// service runs with invariant globalization (Directory.Build.props), so .NET never takes the culture from the
/// environment; this does, from the POSIX locale variables, for the UI culture only (numbers and dates stay invariant).
/// Under invariant globalization a culture's name is upper-cased (<c>zh-HANS</c>), so the runtime looks for the satellite in a
/// folder <c>zh-HANS/</c>, which on a case-sensitive file system is not <c>zh-Hans/</c>: <see cref="ResolveSatellite"/> finds
/// it whatever the case. docs/operations.md "Command line".
/// </summary>
public static class CliCulture
{
    /// <summary>
    /// The UI culture name for the POSIX locale: the first non-empty of <c>LC_ALL</c>, <c>LC_MESSAGES</c>, <c>LANG</c>
    /// (POSIX precedence), e.g. <c>zh_CN.UTF-8</c> → <c>zh-Hans</c>, <c>zh_TW.UTF-8</c> / <c>zh_HK</c> / <c>zh_MO</c> →
    /// <c>zh-Hant</c>, <c>de_DE.UTF-8</c> → <c>de-DE</c>; null for <c>C</c>, <c>POSIX</c>, nothing set, or a value that is no
    /// language tag (the texts stay English).
    /// </summary>
    public static string? UiCultureName(string? lcAll, string? lcMessages, string? lang)
    {
        var locale = new[] { lcAll, lcMessages, lang }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (locale is null)
        {
            return null;
        }

        var tag = locale.Split('.', '@')[0];
        var parts = tag.Split('_', '-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetterLower))
        {
            return null;
        }

        if (parts[0] == "zh")
        {
            var region = parts.Length > 1 ? parts[1].ToUpperInvariant() : "";
            return region is "TW" or "HK" or "MO" or "HANT" ? "zh-Hant" : "zh-Hans";
        }

        return parts.Length > 1 && parts[1].Length == 2 && parts[1].All(char.IsAsciiLetter) ? $"{parts[0]}-{parts[1].ToUpperInvariant()}" : parts[0];
    }

    /// <summary>Sets the process's UI culture from the environment's locale variables (<see cref="UiCultureName"/>), when they name one.</summary>
    public static void ApplyFromEnvironment()
    {
        var name = UiCultureName(
            Environment.GetEnvironmentVariable("LC_ALL"), Environment.GetEnvironmentVariable("LC_MESSAGES"), Environment.GetEnvironmentVariable("LANG"));
        if (name is null)
        {
            return;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name);
            AssemblyLoadContext.Default.Resolving -= ResolveSatellite;
            AssemblyLoadContext.Default.Resolving += ResolveSatellite;
            CultureInfo.DefaultThreadCurrentUICulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }
        catch (CultureNotFoundException)
        {
            // An odd locale name: the command line's texts stay English.
        }
    }

    /// <summary>
    /// Loads a satellite resource assembly (<c>X.resources</c> of a culture) the runtime did not find, from the culture's folder
    /// beside the executable matched without regard to case (<c>zh-Hans/</c> for <c>zh-HANS</c>); null for any other assembly.
    /// </summary>
    public static Assembly? ResolveSatellite(AssemblyLoadContext context, AssemblyName name)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrEmpty(name.CultureName) || name.Name is null || !name.Name.EndsWith(".resources", StringComparison.Ordinal))
        {
            return null;
        }

        var folder = Directory.EnumerateDirectories(AppContext.BaseDirectory)
            .FirstOrDefault(d => string.Equals(Path.GetFileName(d), name.CultureName, StringComparison.OrdinalIgnoreCase));
        var path = folder is null ? null : Path.Combine(folder, name.Name + ".dll");
        return path is not null && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
