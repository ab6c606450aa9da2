using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Discharge;

/// <summary>What a hospital sends with <c>recordDischarge</c> (R-2.4), before it is checked.</summary>
/// <param name="PersonId">The recovered patient's local id.</param>
/// <param name="HospitalOrganizationId">The discharging hospital's local id (the caller is a member of it).</param>
/// <param name="ResidenceOrganizationId">The community or village where the person lives.</param>
/// <param name="PrimaryHealthOrganizationId">The primary health institution that receives the hand-over.</param>
/// <param name="DischargedAt">When the patient left the hospital (any offset; not in the future, at most a year ago).</param>
/// <param name="Note">The discharge information's note (sensitive), at most 3000 characters, or null.</param>
/// <param name="IdempotencyKey">The client's checked idempotency key, or null (docs/idempotency.md).</param>
public sealed record DischargeReport(
    string PersonId,
    string HospitalOrganizationId,
    string ResidenceOrganizationId,
    string PrimaryHealthOrganizationId,
    DateTimeOffset DischargedAt,
    string? Note,
    string? IdempotencyKey);

/// <summary>
/// Where a discharge enters (<c>recordDischarge</c>, R-2.4, docs/discharge.md): checks the units and that the caller speaks for
/// the hospital, routes the discharge as a concern through <see cref="ConcernIntake"/> (one open case per person: it joins the
/// person's open case or opens one in the place of residence), then has that case record the discharge and its
/// <c>DISCHARGE_HAND_OVER</c> task. A case it opens is not yet graded (<see cref="CaseState.RiskUngraded"/>, with its GRADE_RISK
/// task): the notice carries no grading, and an implicit Low would file a recovered psychiatric patient as low risk that
/// nobody is asked to assess (finding RT19-3, docs/discharge.md).
/// </summary>
public static class DischargeIntake
{
    /// <summary>
    /// Records <paramref name="report"/> in <paramref name="tenantId"/> at the domain clock's <paramref name="now"/>. Errors before
    /// anything is written: <c>VALIDATION_FAILED</c> (<c>dischargedAt</c>, <c>note</c>, <c>hospitalOrganizationId</c>,
    /// <c>residenceOrganizationId</c>, <c>primaryHealthOrganizationId</c>: wrong kind or closed), <c>NOT_FOUND</c> (an organization,
    /// the person), <c>FORBIDDEN</c> (<c>rule: hospital-member</c>: the caller is no member of the hospital and no TenantAdmin).
    /// <c>DISCHARGE_LIMIT_REACHED</c> when the person's open case is full, before its concern joins (nothing written).
    /// </summary>
    /// <returns>The case, or a receipt when the caller is not on its need-to-know list (as <c>reportConcern</c>).</returns>
    public static async Task<CaseView> RecordAsync(IGrainFactory grains, string tenantId, DischargeReport report, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        var dischargedAt = DischargeRules.CheckDischargedAt(report.DischargedAt, now);
        var note = DischargeRules.CheckNote(report.Note);
        var hospital = DischargeRules.CheckUnit(await UnitAsync(grains, tenantId, report.HospitalOrganizationId), report.HospitalOrganizationId,
            "hospitalOrganizationId", DischargeRules.HospitalKinds);
        var residence = DischargeRules.CheckUnit(await UnitAsync(grains, tenantId, report.ResidenceOrganizationId), report.ResidenceOrganizationId,
            "residenceOrganizationId", DischargeRules.ResidenceKinds);
        var primary = DischargeRules.CheckUnit(await UnitAsync(grains, tenantId, report.PrimaryHealthOrganizationId), report.PrimaryHealthOrganizationId,
            "primaryHealthOrganizationId", DischargeRules.PrimaryHealthKinds);
        await EnsureSpeaksForHospitalAsync(grains, tenantId, hospital.Id, actor);
        if (await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, report.PersonId)).Get() is null)
        {
            throw CareGridException.NotFound("Person", report.PersonId);
        }

        var settings = await grains.GetRef<ITenantGrain>(tenantId).GetSettings();
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(dischargedAt, settings.Calendar.TimeZone).DateTime);
        var concern = new ReportConcern(report.PersonId, DischargeRules.Summary(hospital.Name, residence.Id, primary.Id, localDate, note),
            RiskLevel.Low, residence.Id, report.IdempotencyKey,
            Ungraded: true, // a discharge notice grades nobody: not yet graded, with its GRADE_RISK task (RT19-3; docs/discharge.md)
            DischargeHospitalId: hospital.Id, DischargedAt: dischargedAt); // a full open case refuses before the concern joins
        var routed = await ConcernIntake.ReportAsync(grains, tenantId, concern, actor);
        var handOver = new DischargeHandOver(hospital.Id, residence.Id, primary.Id, dischargedAt, note,
            DischargeRules.QueueOf(primary, 3), DischargeRules.QueueOf(residence, 1), primary.EscalationLevel ?? 3);
        var view = await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, ReportReceipts.CaseIdOf(routed))).RecordDischarge(handOver, actor);
        // A caller answered with a receipt keeps it, under its own id as in myReports (round 16 F3; docs/access.md "Receipts for reporters").
        return routed.IsReceipt ? routed : routed.ReportOutcome is { } outcome ? view.WithReportOutcome(outcome) : view;
    }

    private static Task<OrganizationInfo?> UnitAsync(IGrainFactory grains, string tenantId, string id) =>
        grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenantId, id)).Get();

    /// <summary>
    /// A hospital records its own discharges: the caller must be a member of the hospital (<c>addOrganizationMember</c>), or
    /// the tenant's admin entering a hospital's paper notice. Else <c>FORBIDDEN</c> with <c>rule</c> <c>hospital-member</c>.
    /// </summary>
    private static async Task EnsureSpeaksForHospitalAsync(IGrainFactory grains, string tenantId, string hospitalId, Actor actor)
    {
        if (actor.HasAny([Roles.TenantAdmin]))
        {
            return;
        }

        var units = await grains.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(tenantId, actor.Subject)).Memberships();
        if (!units.Contains(hospitalId, StringComparer.Ordinal))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                $"recordDischarge is for the discharging hospital's staff: you are no member of '{hospitalId}'. Ask your TenantAdmin to add you to it (addOrganizationMember).",
                new Dictionary<string, string> { ["rule"] = "hospital-member", ["field"] = "hospitalOrganizationId" });
        }
    }
}
