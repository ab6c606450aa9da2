using CareGrid.Grains.Errors;
using CareGrid.Grains.People;

namespace CareGrid.Grains.Visits;

/// <summary>
/// The special-groups ledger (特殊群体台账, R-7.2) and the three knows of a left-behind child (三个清楚, R-6.2, R-2.2):
/// what an entry must hold, and which of the three knows a child's record still lacks (docs/visits.md). Plain: no Orleans.
/// </summary>
public static class SpecialGroupsRules
{
    /// <summary>Longest help note and basic situation, in characters.</summary>
    public const int MaxNoteLength = 1000;

    /// <summary>The target-group code that marks a left-behind child on the person's record.</summary>
    public const string LeftBehindTargetGroup = "LeftBehindChild";

    /// <summary>
    /// The entry <paramref name="input"/> makes for <paramref name="person"/>, or null when its groups are empty (the person
    /// leaves the ledger).
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (fields <c>input.groups</c>, <c>input.reviewOn</c>,
    /// <c>input.helpNote</c>, <c>input.basicSituation</c>).</exception>
    public static SpecialGroupsEntry? Entry(PersonInfo person, SetSpecialGroups input, DateOnly today, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Groups.Any(g => !Enum.IsDefined(g)) || input.Groups.Distinct().Count() != input.Groups.Count)
        {
            throw CareGridException.Validation("input.groups", "input.groups lists each of LEFT_BEHIND, SINGLE_PARENT_FAMILY, BLENDED_FAMILY, MIGRANT_CHILD, LEARNING_DIFFICULTIES at most once.");
        }

        VisitRules.CheckText(input.HelpNote, "input.helpNote", MaxNoteLength);
        VisitRules.CheckText(input.BasicSituation, "input.basicSituation", MaxNoteLength);
        if (input.Groups.Count == 0)
        {
            return null;
        }

        if (input.ReviewOn is not { } review || review < today || review > today.AddYears(2))
        {
            throw CareGridException.Validation("input.reviewOn", $"input.reviewOn is required: a day from today ({today:yyyy-MM-dd}) to two years ahead, in the tenant's time zone.");
        }

        return new SpecialGroupsEntry(person.Id, person.DisplayName, person.OrganizationId, [.. input.Groups.Order()],
            VisitRules.Trimmed(input.HelpNote), VisitRules.Trimmed(input.BasicSituation), review, actor, now);
    }

    /// <summary>True when the person is a left-behind child: the target group <see cref="LeftBehindTargetGroup"/> or the ledger group <see cref="SpecialGroup.LeftBehind"/>.</summary>
    public static bool IsLeftBehind(PersonInfo person, SpecialGroupsEntry? entry) =>
        person.TargetGroups.Contains(LeftBehindTargetGroup, StringComparer.Ordinal) || entry?.Groups.Contains(SpecialGroup.LeftBehind) == true;

    /// <summary>
    /// The three knows still missing for a left-behind child, in enum order: the basic situation (a non-empty
    /// <c>basicSituation</c> in the ledger), the guardian (a guardian contact with a name and a phone) and the parents' workplace
    /// and contact (a parent contact with a workplace and a phone). Empty when all three are known.
    /// </summary>
    public static IReadOnlyList<ThreeKnow> MissingKnows(PersonInfo person, SpecialGroupsEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(person);
        var missing = new List<ThreeKnow>();
        if (string.IsNullOrWhiteSpace(entry?.BasicSituation))
        {
            missing.Add(ThreeKnow.BasicSituation);
        }

        if (!person.Contacts.Any(c => c.Kind == ContactKind.Guardian && !string.IsNullOrWhiteSpace(c.Name) && !string.IsNullOrWhiteSpace(c.Phone)))
        {
            missing.Add(ThreeKnow.Guardian);
        }

        if (!person.Contacts.Any(c => c.Kind == ContactKind.Parent && !string.IsNullOrWhiteSpace(c.Workplace) && !string.IsNullOrWhiteSpace(c.Phone)))
        {
            missing.Add(ThreeKnow.ParentsWorkplaceAndContact);
        }

        return missing;
    }

    /// <summary>The English and Simplified Chinese name of a know, for messages people read.</summary>
    public static (string En, string Zh) Name(ThreeKnow know) => know switch
    {
        ThreeKnow.BasicSituation => ("basic situation", "基本情况"),
        ThreeKnow.Guardian => ("guardian", "监护人"),
        _ => ("parents' workplace and contact", "父母务工地点和联系方式"),
    };
}
