using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Which unit a new case is filed under (docs/teams.md "Closing a unit"): the reported unit while it takes cases; when it is
/// closed, the nearest unit above it that is not, so a concern about a person left in a closed unit is taken — never lost at
/// intake (round 17 red team RT17-6: a HIGH report about such a person was refused); and the unit an open case follows its
/// person to when they move (docs/access.md "A case follows its person").
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>The unit to file a new case under (<see cref="IntakeUnits.OpenUnitAsync"/>).</summary>
    private Task<string> OpenUnitForIntakeAsync(string organizationId) => IntakeUnits.OpenUnitAsync(GrainFactory, TenantId, organizationId);

    /// <inheritdoc />
    public async Task PersonMoved(string organizationId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!S.Exists || S.Status == CaseStatus.Closed || S.OrganizationId == organizationId)
        {
            return;
        }

        var unit = await OpenUnitForIntakeAsync(organizationId);
        var from = S.OrganizationId ?? "(none)";
        if (Case().FollowPersonToUnit(unit, actor.Subject))
        {
            await SaveAsync();
            await AuditUnitChangeAsync(from, unit, actor);
        }
    }

    /// <summary>
    /// The audit record of a case that followed its person (round 23 red team: the move was on the timeline only, so the audit
    /// log — the record supervisors and data-protection reviews read — did not say that a case changed hands): <c>WRITE Case
    /// {id}</c>, field <c>organizationId</c>, purpose <see cref="FollowsPersonPurpose"/>, reason <c>Unit {old} → {new}: the
    /// person moved</c>, by whoever moved the person (their <c>updatePerson</c> or <c>importRoster</c> has its own record). Its
    /// correlation id is <c>person-moved:{personId}</c>, the same for every case of one person. Written after the case is
    /// stored; a failure fails the call, so the person's move is reported as not finished (docs/access.md "A case follows its
    /// person").
    /// </summary>
    private Task AuditUnitChangeAsync(string from, string unit, Actor actor) =>
        GrainFactory.GetRef<Audit.IAuditLogGrain>(TenantIds.Key(TenantId, Audit.IAuditLogGrain.LocalId)).Append(new Audit.AuditEntry(
            actor.Subject, "WRITE", "Case", LocalId, ["organizationId"], FollowsPersonPurpose, $"person-moved:{S.PersonId}",
            $"Unit {from} → {unit}: the person moved"));

    /// <summary>The purpose of the audit record of a case that followed its person to another unit (<see cref="PersonMoved"/>).</summary>
    public const string FollowsPersonPurpose = "caseFollowsPerson";

    /// <summary>
    /// For a closed case about to be reopened: the unit to reopen it in when its person has moved since — the person's
    /// unit (or the nearest open unit above it) when the case's unit is neither that unit nor one below it — else null
    /// (round 23 red team: a case reopened after its pupil changed class stayed under the old class, where the new class's
    /// staff could not see it, and a concern they reported joined it unseen). A case filed under a unit within its
    /// person's unit (docs/access.md "A report's unit") stays there.
    /// </summary>
    private async Task<string?> UnitThePersonMovedToAsync()
    {
        if (await Person(S.PersonId).Get() is not { OrganizationId: { } personUnit } || S.OrganizationId is not { } caseUnit || caseUnit == personUnit
            || await IntakeUnits.IsAtOrBelowAsync(GrainFactory, TenantId, caseUnit, personUnit))
        {
            return null;
        }

        return await OpenUnitForIntakeAsync(personUnit);
    }

    /// <summary>
    /// True when the case is closed and its unit has been closed since (round 17 red team RT17-2): <c>reopenCase</c> is then
    /// refused (<see cref="Domain.CaseAggregate.UnitClosed"/>), and <c>nextActions</c> says so. One call to the unit, for a
    /// closed case only (an open case's unit cannot be closed: <c>UNIT_HAS_OPEN_CASES</c>).
    /// </summary>
    private async Task<bool> UnitClosedAsync() =>
        S.Status == CaseStatus.Closed && S.OrganizationId is { } unit
        && await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, unit)).Get() is { Status: OrganizationStatus.Closed };
}

/// <summary>Which unit a new case is filed under, for the case grain and for checks made before it is asked (docs/teams.md).</summary>
public static class IntakeUnits
{
    /// <summary>How many units up the walk looks before it gives up (deeper trees than this do not occur in the plans).</summary>
    private const int MaxUnitDepth = 16;

    /// <summary>
    /// The unit to file a new case of tenant <paramref name="tenantId"/> under, starting at <paramref name="organizationId"/>:
    /// the first unit on its path to the root that is not <see cref="OrganizationStatus.Closed"/> (one organization grain
    /// call per unit walked).
    /// </summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> for a unit that does not exist; <c>VALIDATION_FAILED</c>
    /// (field <c>organizationId</c>, rule <c>unit-closed</c>, English and Chinese) when the unit and every unit above it are closed.</exception>
    public static async Task<string> OpenUnitAsync(IGrainFactory grains, string tenantId, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var id = organizationId;
        for (var depth = 0; depth < MaxUnitDepth; depth++)
        {
            var org = await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenantId, id)).Get()
                ?? throw CareGridException.NotFound("Organization", id);
            if (org.Status != OrganizationStatus.Closed)
            {
                return id;
            }

            if (org.ParentId is not { } parent)
            {
                break;
            }

            id = parent;
        }

        throw new CareGridException(ErrorCodes.ValidationFailed,
            Bilingual.Join(
                $"The unit '{organizationId}' and every unit above it are closed, so no unit can take the case: reactivate a unit or move the person to an open one (updatePerson), then report again. Nothing was recorded.",
                $"单位“{organizationId}”及其所有上级单位均已撤销，没有单位可以接收此个案：请先恢复一个单位，或把此人调到在用的单位（updatePerson），再重新上报。未记录任何内容。"),
            new Dictionary<string, string> { ["field"] = "organizationId", ["rule"] = "unit-closed" });
    }

    /// <summary>
    /// True when <paramref name="unit"/> is <paramref name="ancestor"/> or a unit below it (one organization grain call per
    /// unit walked up, at most <see cref="MaxUnitDepth"/>); false when either is unknown.
    /// </summary>
    public static async Task<bool> IsAtOrBelowAsync(IGrainFactory grains, string tenantId, string unit, string ancestor)
    {
        ArgumentNullException.ThrowIfNull(grains);
        string? id = unit;
        for (var depth = 0; depth < MaxUnitDepth && id is not null; depth++)
        {
            if (id == ancestor)
            {
                return true;
            }

            id = (await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenantId, id)).Get())?.ParentId;
        }

        return false;
    }
}
