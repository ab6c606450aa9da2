using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Staff;

namespace CareGrid.Grains.Cases;

public sealed partial class CaseGrain
{
    /// <summary>
    /// For <c>activateCase(assigneeId)</c> naming someone other than the caller and the current owner: that sub's access roles
    /// through the staff index (<see cref="IStaffScopeGrain.People"/>, then each person's staff roles mapped by the tenant's
    /// template), null roles when the sub is no staff member who belongs to a unit (docs/api.md activateCase). Null otherwise.
    /// </summary>
    private async Task<NamedAssignee?> NamedAssigneeAsync(CaseTrigger trigger, CaseCommand command, Actor actor)
    {
        var subject = command.AssigneeId?.Trim();
        if (trigger != CaseTrigger.Activate || string.IsNullOrEmpty(subject) || subject.Length > 200
            || subject == actor.Subject || subject == S.AssigneeId || subject.StartsWith("queue:", StringComparison.Ordinal))
        {
            return null;
        }

        var people = await GrainFactory.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(TenantId, subject)).People();
        if (people.Count == 0)
        {
            return new NamedAssignee(LocalId, subject, null);
        }

        var template = (await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Get()).Template;
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in people)
        {
            if (await Person(id).Get() is { } person && person.StaffSubject == subject)
            {
                roles.UnionWith(StaffWork.AccessRoles(person, template));
            }
        }

        return new NamedAssignee(LocalId, subject, [.. roles.Order(StringComparer.Ordinal)]);
    }
}
