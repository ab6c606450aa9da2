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
    /// template) and, when they may not own this case, why (<see cref="StaffAssignee.OwnerRefusal"/> on their
    /// <see cref="IStaffScopeGrain.ResolveForWork"/>: no staff member of the tenant, units that do not reach the case's, or no
    /// role that works a case; docs/access.md "Naming a staff member"). Null otherwise.
    /// </summary>
    private async Task<NamedAssignee?> NamedAssigneeAsync(CaseTrigger trigger, CaseCommand command, Actor actor)
    {
        var subject = command.AssigneeId?.Trim();
        if (trigger != CaseTrigger.Activate || string.IsNullOrEmpty(subject) || subject.Length > 200
            || subject == actor.Subject || subject == S.AssigneeId || subject.StartsWith("queue:", StringComparison.Ordinal))
        {
            return null;
        }

        var index = GrainFactory.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(TenantId, subject));
        var people = await index.People();
        if (people.Count == 0)
        {
            return new NamedAssignee(LocalId, subject, null, StaffAssignee.OwnerRefusal(subject, "assigneeId", S.OrganizationId, StaffScope.Unassigned, []));
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

        var ordered = roles.Order(StringComparer.Ordinal).ToList();
        return new NamedAssignee(LocalId, subject, ordered, StaffAssignee.OwnerRefusal(subject, "assigneeId", S.OrganizationId, await index.ResolveForWork(), ordered));
    }
}
