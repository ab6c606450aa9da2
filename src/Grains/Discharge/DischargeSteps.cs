using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Discharge;

/// <summary>
/// <c>recordDischargeStep</c> (R-2.4, R-2.5, docs/discharge.md): the case records the step (need-to-know first); the
/// key-population step then moves the person into the follow-up under grid management as <c>setTargetGroup</c> and
/// <c>changeMonitoringLevel</c> do. The person is changed after the case, and only by what is still missing, so a retry after
/// a failure completes it without doing anything twice.
/// </summary>
public static class DischargeSteps
{
    /// <summary>
    /// Records <paramref name="step"/> of discharge <paramref name="dischargeId"/> on case <paramref name="caseId"/>. Errors: those of
    /// <see cref="ICaseGrain.RecordDischargeStep"/> (<c>NOT_FOUND</c>, <c>FORBIDDEN</c>, <c>INVALID_TRANSITION</c>, <c>VALIDATION_FAILED</c>).
    /// </summary>
    /// <returns>The case as the caller sees it.</returns>
    public static async Task<CaseView> RecordAsync(IGrainFactory grains, string tenantId, string caseId, string dischargeId, DischargeStep step, string? note, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(actor);
        var view = await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, caseId)).RecordDischargeStep(dischargeId, step, note, actor);
        if (step != DischargeStep.KeyPopulationFollowUp || view.Discharges.FirstOrDefault(d => d.Id == dischargeId) is not { } discharge)
        {
            return view;
        }

        var person = grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, view.PersonId));
        var info = await person.Get() ?? throw Errors.CareGridException.NotFound("Person", view.PersonId);
        var settings = await grains.GetRef<ITenantGrain>(tenantId).GetSettings();
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(discharge.DischargedAt, settings.Calendar.TimeZone).DateTime);
        var (from, track) = DischargeRules.KeyPopulation(info, date);
        if (from is { } start)
        {
            await person.SetTargetGroup(DischargeRules.RecoveredPatient, start, null, actor);
        }

        if (track)
        {
            await person.ChangeMonitoring(MonitoringTrigger.StartTracking, $"key-population follow-up after discharge {discharge.Id} on case {caseId} (R-2.5)", actor);
        }

        return view;
    }
}
