using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Security;

/// <summary>
/// The responsible unit a caller may name on <c>reportConcern</c> (<c>input.organizationId</c>;
/// docs/access.md "Need-to-know by organization", docs/protocol.md). The queue and level paths of need-to-know, and the
/// <c>cases</c>/<c>myTasks</c>/<c>overdueTasks</c> lists, reach a case only through its unit; a case filed under a unit
/// outside its person's unit would be hidden from the staff responsible for the person — an IMMINENT case escalated to
/// <c>queue:level-3</c> that no Counsellor or Clinician may open (round 16, F9). So the named unit must be the person's own
/// unit or a unit below it: every scope that covers the person's unit covers it too (a scope is a union of subtrees).
/// Pure; <see cref="EnsureAsync"/> gathers the facts.
/// </summary>
public static class ReportUnit
{
    /// <summary>
    /// True when a case of a person of unit <paramref name="personUnit"/> may be filed under <paramref name="namedUnit"/>:
    /// the same unit, a unit in <paramref name="personSubtree"/> (the person's unit with every unit below it,
    /// <see cref="OrganizationTree.Cover"/>), or any unit when the person has none (the named unit then only adds visibility).
    /// </summary>
    public static bool Allows(string? personUnit, string namedUnit, StaffScope personSubtree)
    {
        ArgumentNullException.ThrowIfNull(personSubtree);
        return personUnit is null || string.Equals(personUnit, namedUnit, StringComparison.Ordinal)
            || (!personSubtree.WholeTenant && personSubtree.OrganizationIds.Contains(namedUnit, StringComparer.Ordinal));
    }

    /// <summary>
    /// Refuses a report that names <paramref name="namedUnit"/> for person <paramref name="personId"/> when
    /// <see cref="Allows"/> says no. Costs one person-grain call and, only when the named unit is not the person's own, one
    /// call to the tenant's organization tree. A person that does not exist is left to the case grain (<c>NOT_FOUND</c>).
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c>, <c>field</c> <c>organizationId</c>, <c>rule</c>
    /// <c>report-unit</c>: the named unit is outside the person's unit. Nothing is recorded; the message (English, then
    /// Simplified Chinese) says to leave the field out (the person's unit is used) or move the person first.</exception>
    public static async Task EnsureAsync(IGrainFactory grains, string tenantId, string personId, string namedUnit)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, personId)).Get();
        if (person is null || person.OrganizationId is not { } unit || string.Equals(unit, namedUnit, StringComparison.Ordinal))
        {
            return;
        }

        var subtree = await grains.GetGrain<IOrganizationTreeGrain>(tenantId).Cover(new Dictionary<string, List<string>>(StringComparer.Ordinal) { [unit] = [] });
        if (!Allows(unit, namedUnit, subtree))
        {
            throw Refused(namedUnit);
        }
    }

    /// <summary>The refusal of <see cref="EnsureAsync"/>: <c>VALIDATION_FAILED</c> on <c>organizationId</c>, rule <c>report-unit</c>.</summary>
    public static CareGridException Refused(string namedUnit) =>
        new(ErrorCodes.ValidationFailed,
            Bilingual.Join(
                $"Nothing was recorded: organizationId '{namedUnit}' is not the person's unit or a unit within it, so the staff responsible for the person (their unit's queue and escalation chain, up to the level-3 professionals) would not see the case. Leave organizationId out — the person's own unit is used — and send the report again; if the person now belongs to another unit, update their unit first (R-1.10, R-4.3).",
                $"未记录：organizationId“{namedUnit}”不是该人员所在的单位，也不在其下级单位中，负责该人员的工作人员（所在单位的队列和上报链，直至三级专业人员）将看不到此个案。请不填写 organizationId（将使用该人员本人的单位）后重新提交；如该人员已转到其他单位，请先更新其所在单位（R-1.10、R-4.3）。"),
            new Dictionary<string, string> { ["field"] = "organizationId", ["rule"] = "report-unit" });
}
