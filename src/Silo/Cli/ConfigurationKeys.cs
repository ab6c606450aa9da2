using System.Reflection;
using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Hardening;
using CareGrid.GraphApi.Http;
using Orleans.Configuration;

namespace CareGrid.Silo.Cli;

/// <summary>
/// The configuration keys CareGrid reads, section by section, from the option classes they bind to (docs/operations.md
/// "Configuration"): a key is known when its section is one of them and its last segment names a settable property of
/// that section's class (case-insensitive, as the configuration binder matches). Keys below the settings of ASP.NET
/// Core and the .NET host (<c>Urls</c>, <c>Logging:…</c>, <c>Kestrel:…</c>) are theirs and pass unchecked.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Each CareGrid section and the option classes bound to it.</summary>
    public static readonly IReadOnlyDictionary<string, Type[]> Sections = new Dictionary<string, Type[]>(StringComparer.OrdinalIgnoreCase)
    {
        [StorageOptions.Section] = [typeof(StorageOptions)],
        [OrleansClusterOptions.Section] = [typeof(OrleansClusterOptions), typeof(IdleCollectionOptions)],
        ["Orleans:Membership"] = [typeof(ClusterMembershipOptions)],
        ["Orleans:Messaging"] = [typeof(SiloMessagingOptions)],
        ["Orleans:Reminders"] = [typeof(ReminderOptions)],
        ["Orleans:Directory"] = [typeof(GrainDirectoryOptions)],
        [AuthOptions.Section] = [typeof(AuthOptions)],
        [GraphQLLimitsOptions.Section] = [typeof(GraphQLLimitsOptions)],
        [GraphQLHttpOptions.SectionName] = [typeof(GraphQLHttpOptions)],
        [CareGrid.GraphApi.Subscriptions.SubscriptionOptions.Section] = [typeof(CareGrid.GraphApi.Subscriptions.SubscriptionOptions)], // docs/subscriptions.md
        [RateLimitOptions.Section] = [typeof(RateLimitOptions)],
        [DeadlineSweepOptions.Section] = [typeof(DeadlineSweepOptions)],
        [CareGrid.Grains.Imports.ImportOptions.Section] = [typeof(CareGrid.Grains.Imports.ImportOptions)], // docs/rosters.md
        ["Memory:Trim"] = [typeof(MemoryTrimOptions)],
        [ClockOptions.Section] = [typeof(ClockOptions)],
        [SeedOptions.Section] = [typeof(SeedOptions)],
        [TemplatesOptions.Section] = [typeof(TemplatesOptions)],
        [WebConsole.ConsoleOptions.Section] = [typeof(WebConsole.ConsoleOptions)],
        [Observability.DashboardOptions.Section] = [typeof(Observability.DashboardOptions)],
        [CareGrid.Grains.Webhooks.WebhookOptions.Section] = [typeof(CareGrid.Grains.Webhooks.WebhookOptions)], // docs/webhooks.md
    };

    /// <summary>
    /// True when <paramref name="key"/> (segments separated by <c>:</c>) is a CareGrid setting: its section is in
    /// <see cref="Sections"/> and its last segment a settable property of one of the section's classes; or a section
    /// itself (<c>Seed</c>, <c>GraphQL</c>, <c>Orleans:Membership</c>), which holds no value of its own.
    /// </summary>
    public static bool IsCareGridKey(string key)
    {
        // A section itself (as a host passes its configuration on, e.g. "--Seed=" for the Seed section) names no value.
        if (Sections.Keys.Any(s => s.Equals(key, StringComparison.OrdinalIgnoreCase) || s.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var split = key.LastIndexOf(':');
        return split > 0 && (Sections.TryGetValue(key[..split], out var types)
            && types.Any(t => t.GetProperty(key[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true })
            || IsMapEntry(key[..split]));
    }

    /// <summary>
    /// True when <paramref name="map"/> (<c>section:Property</c>) names a settable dictionary property, whose entries are
    /// keys one segment below it (e.g. <c>Auth:RoleMap:cg-counsellors</c>, docs/oidc.md "Claims").
    /// </summary>
    private static bool IsMapEntry(string map)
    {
        var split = map.LastIndexOf(':');
        return split > 0 && Sections.TryGetValue(map[..split], out var types)
            && types.Any(t => t.GetProperty(map[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is
                { CanWrite: true, PropertyType: { IsGenericType: true } type } && type.GetGenericTypeDefinition() == typeof(Dictionary<,>));
    }

    /// <summary>True when <paramref name="root"/> (a key's first segment) is a CareGrid section root (<c>Storage</c>, <c>Orleans</c>, <c>GraphQL</c>, …).</summary>
    public static bool IsCareGridRoot(string root) => Sections.Keys.Any(s => string.Equals(s.Split(':')[0], root, StringComparison.OrdinalIgnoreCase));
}
