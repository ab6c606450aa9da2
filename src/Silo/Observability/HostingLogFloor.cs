namespace CareGrid.Silo.Observability;

/// <summary>
/// Keeps <see cref="Category"/> (ASP.NET Core's "Request starting" / "Request finished" lines) at <see cref="LogLevel.Warning"/>
/// or above, whatever the configuration says (docs/observability.md "Logs"): those lines print the full URL, and a GraphQL GET
/// carries its document and variables — names, a concern's words — in the query string. Applied after every configuration
/// source, to every logging provider (console, OTLP, any other): rules for the category or a longer one are replaced by one
/// rule per provider at the higher of <see cref="LogLevel.Warning"/> and the configured level.
/// </summary>
public static class HostingLogFloor
{
    /// <summary>The logger category of ASP.NET Core's per-request hosting lines.</summary>
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The lowest level the category may log at.</summary>
    public const LogLevel Floor = LogLevel.Warning;

    /// <summary>Rewrites <paramref name="options"/>' rules as the class documentation says.</summary>
    public static void Apply(LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = options.Rules.Select(rule => rule.ProviderName).Distinct(StringComparer.Ordinal).ToList();
        var specific = options.Rules.Where(IsAtLeastAsSpecific).ToList();
        foreach (var rule in specific)
        {
            options.Rules.Remove(rule);
        }

        if (!providers.Contains(null))
        {
            providers.Add(null);
        }

        foreach (var provider in providers)
        {
            var configured = specific.Where(rule => rule.ProviderName == provider && rule.LogLevel is not null).Select(rule => rule.LogLevel!.Value);
            var level = configured.Append(Floor).Max();
            options.Rules.Add(new LoggerFilterRule(provider, Category, level, filter: null));
        }
    }

    private static bool IsAtLeastAsSpecific(LoggerFilterRule rule) =>
        rule.CategoryName is { } name && name.Replace("*", "", StringComparison.Ordinal).StartsWith(Category, StringComparison.OrdinalIgnoreCase);
}
