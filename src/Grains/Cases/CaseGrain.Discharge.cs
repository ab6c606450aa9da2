using CareGrid.Grains.Discharge;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Discharge hand-overs on a case (R-2.4, R-2.5, docs/discharge.md): the grain loads the tenant's settings (deadlines, calendar),
/// applies <see cref="Domain.CaseAggregate.RecordDischarge"/> or <see cref="Domain.CaseAggregate.RecordDischargeStep"/> and saves;
/// the tasks are ordinary case tasks, so the deadline reminder, the sweep and the statistics follow them.
/// </summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public async Task<CaseView> RecordDischarge(DischargeHandOver handOver, Actor actor)
    {
        EnsureExists();
        var c = Case(await Settings());
        if (c.FindDischarge(handOver.HospitalOrganizationId, handOver.DischargedAt) is null)
        {
            c.RecordDischarge(handOver, actor);
            await SaveAsync();
        }

        return await ViewOrReceiptAsync(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> RecordDischargeStep(string dischargeId, DischargeStep step, string? note, Actor actor)
    {
        await EnsureMayActAsync(actor);
        if (Case(step == DischargeStep.HandOverReceived ? await Settings() : null).RecordDischargeStep(dischargeId, step, note, actor))
        {
            await SaveAsync();
        }

        return ToView(actor);
    }
}
