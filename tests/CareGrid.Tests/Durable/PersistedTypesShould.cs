using System.Reflection;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Every type reachable from persisted grain state (and the read-side rows) is versioned the Orleans way
/// (docs/architecture.md "Conventions"): <c>[GenerateSerializer]</c>, an <c>[Alias]</c> that survives renames, and an explicit
/// <c>[Id]</c> on every stored member — so stored state survives renames and new fields. Stored enums carry
/// <c>[GenerateSerializer]</c> and an <c>[Alias]</c> as well (their values are written as integers by a generated codec).
/// </summary>
[Trait("tier", "domain")]
public sealed class PersistedTypesShould
{
    /// <summary>The roots: each grain's persisted state, and the rows grains publish.</summary>
    public static readonly Type[] Roots =
    [
        typeof(TenantState), typeof(TenantRegistryState), typeof(OrganizationState), typeof(PersonState), typeof(CaseState),
        typeof(CareGrid.Grains.Security.AccessGrantsState), typeof(CaseRow), typeof(PersonRow), typeof(OrganizationRow), typeof(TaskRow),
        typeof(CareGrid.Grains.Jurisdictions.JurisdictionState), typeof(CareGrid.Grains.Imports.ImportGrainState), typeof(CareGrid.Grains.Census.CensusRoundState),
        typeof(CareGrid.Grains.History.CaseHistoryEntry), typeof(CareGrid.Grains.Security.StaffScopeState), typeof(ReportReceiptsState),
        typeof(CareGrid.Grains.Intake.CallLogState), typeof(CareGrid.Grains.Intake.CallRow), typeof(CareGrid.Grains.Intake.AppointmentState), typeof(CareGrid.Grains.Intake.AppointmentRow),
        typeof(CareGrid.Grains.GroupCrisis.GroupCrisisUnitState), typeof(CareGrid.Grains.GroupCrisis.GroupCrisisAlertsState),
        typeof(CareGrid.Grains.Visits.PersonVisitsState), typeof(CareGrid.Grains.Visits.VisitTallyState), typeof(CareGrid.Grains.Visits.SpecialGroupsIndexState),
        typeof(CareGrid.Grains.Mailbox.MailboxThreadState), typeof(CareGrid.Grains.Mailbox.MailboxIndexState),
        typeof(CareGrid.Grains.Activities.ActivityPlanState), typeof(CareGrid.Grains.Activities.ActivityRegistryState),
    ];

    [Fact]
    public void Carry_GenerateSerializer_an_alias_and_explicit_ids_on_every_persisted_type()
    {
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(Roots);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : type.IsArray ? [type.GetElementType()!] : [])
            {
                pending.Enqueue(argument);
            }

            if (type.Assembly != typeof(CaseState).Assembly || type.IsGenericType)
            {
                continue;
            }

            if (type.IsEnum)
            {
                // A stored enum gets a generated codec too: without one Orleans writes each value through its untyped integer
                // codec, boxed and with a type marker (docs/write-path-profile.md "Round 15").
                if (type.GetCustomAttribute<GenerateSerializerAttribute>() is null || type.GetCustomAttribute<AliasAttribute>() is null)
                {
                    problems.Add($"{type.FullName}: a stored enum without [GenerateSerializer, Alias]");
                }

                continue;
            }

            if (type.GetCustomAttribute<GenerateSerializerAttribute>() is null)
            {
                problems.Add($"{type.FullName}: no [GenerateSerializer]");
            }

            if (type.GetCustomAttribute<AliasAttribute>() is null)
            {
                problems.Add($"{type.FullName}: no [Alias]");
            }

            var ids = new Dictionary<uint, string>();
            foreach (var member in StoredMembers(type))
            {
                var id = member.GetCustomAttribute<IdAttribute>();
                if (id is null)
                {
                    problems.Add($"{type.FullName}.{member.Name}: stored but has no [Id]");
                    continue;
                }

                if (!ids.TryAdd(id.Id, member.Name))
                {
                    problems.Add($"{type.FullName}.{member.Name}: [Id({id.Id})] also used by {ids[id.Id]}");
                }

                pending.Enqueue(member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType);
            }
        }

        Assert.True(problems.Count == 0, "Persisted types not versioned:\n" + string.Join('\n', problems));
        // The walk reaches nested state (tasks, settings, calendars, deadlines, consents).
        Assert.Contains(typeof(CaseTask), seen);
        Assert.Contains(typeof(TenantSettings), seen);
        Assert.Contains(typeof(CareGrid.Grains.Calendar.WorkingCalendar), seen);
        Assert.Contains(typeof(CareGrid.Grains.Calendar.DeadlineSpec), seen);
        Assert.Contains(typeof(Consent), seen);
        Assert.Contains(typeof(CaseStatus), seen);
    }

    /// <summary>
    /// The members the serializer stores: fields and properties with <c>[Id]</c>, plus every writable auto-property
    /// (set or init) of a <c>[GenerateSerializer]</c> type, which would silently not be stored without one.
    /// </summary>
    private static IEnumerable<MemberInfo> StoredMembers(Type type)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var property in type.GetProperties(flags))
        {
            var isAuto = type.GetField($"<{property.Name}>k__BackingField", flags) is not null;
            if (property.GetCustomAttribute<IdAttribute>() is not null || (isAuto && property.SetMethod is not null && property.Name != "EqualityContract"))
            {
                yield return property;
            }
        }

        foreach (var field in type.GetFields(flags))
        {
            if (field.GetCustomAttribute<IdAttribute>() is not null)
            {
                yield return field;
            }
        }
    }
}
