using System.Text.Json;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Activities;

/// <summary>
/// The activity-plan templates shipped in <c>seeds/activity-plans/*.json</c> (embedded in this assembly): a school's
/// mental-health month with the R-7.1 list of activities, each named in English and Simplified Chinese, with a deadline
/// in days after the month's first day or none (ongoing). docs/activities.md.
/// </summary>
public static class ActivityPlanTemplates
{
    private static readonly Lazy<IReadOnlyDictionary<string, ActivityPlanTemplate>> All = new(Load);

    /// <summary>The template ids, ordered.</summary>
    public static IReadOnlyList<string> Ids => [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The template <paramref name="id"/>.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>template</c>) naming the known ids.</exception>
    public static ActivityPlanTemplate Get(string id) =>
        All.Value.TryGetValue(id ?? "", out var t) ? t
        : throw CareGridException.Validation("template", $"Unknown activity-plan template '{id}'. Known: {string.Join(", ", Ids)}.");

    /// <summary>
    /// The activities of <paramref name="template"/> for a plan starting on <paramref name="startsOn"/>: ids
    /// <c>{prefix}-{code}</c>, the English title with the Chinese one beside it, deadlines <c>startsOn + dueAfterDays</c>.
    /// </summary>
    public static IReadOnlyList<NewActivity> Activities(ActivityPlanTemplate template, string prefix, DateOnly startsOn, string owner)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. template.Items.Select(i => new NewActivity($"{prefix}-{i.Code}", i.En, i.Zh, null, owner,
            i.DueAfterDays is { } days ? startsOn.AddDays(days) : null, i.Code))];
    }

    private static IReadOnlyDictionary<string, ActivityPlanTemplate> Load()
    {
        var assembly = typeof(ActivityPlanTemplates).Assembly;
        var templates = new Dictionary<string, ActivityPlanTemplate>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("activity-plans/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var template = JsonSerializer.Deserialize<ActivityPlanTemplate>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidDataException($"Activity-plan template {name} is empty.");
            if (template.Items.Count == 0 || template.Items.Any(i => string.IsNullOrWhiteSpace(i.Code) || string.IsNullOrWhiteSpace(i.En) || string.IsNullOrWhiteSpace(i.Zh)))
            {
                throw new InvalidDataException($"Activity-plan template {name}: every item needs a code and names in en and zh.");
            }

            templates.Add(template.Id, template);
        }

        return templates;
    }
}

/// <summary>An activity-plan template (<c>seeds/activity-plans/*.json</c>).</summary>
/// <param name="Id">Template id, e.g. <c>mental-health-month</c>.</param>
/// <param name="Name">Its name in both languages.</param>
/// <param name="Items">The activities.</param>
public sealed record ActivityPlanTemplate(string Id, TemplateName Name, IReadOnlyList<ActivityTemplateItem> Items);

/// <summary>A name in English and Simplified Chinese.</summary>
/// <param name="En">English.</param>
/// <param name="Zh">Simplified Chinese.</param>
public sealed record TemplateName(string En, string Zh);

/// <summary>One activity of a template.</summary>
/// <param name="Code">Stable code, e.g. <c>bullying-sweep</c>.</param>
/// <param name="En">English name.</param>
/// <param name="Zh">Simplified Chinese name.</param>
/// <param name="DueAfterDays">Deadline in days after the plan's first day, or null for an ongoing activity.</param>
public sealed record ActivityTemplateItem(string Code, string En, string Zh, int? DueAfterDays);
