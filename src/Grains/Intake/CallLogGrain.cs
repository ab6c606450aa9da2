using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Intake;

/// <summary>
/// One logged call (R-5.1, R-5.2, R-4.6, R-1.9; docs/intake.md). Loads its state, asks the person grain for the known
/// caller's unit, applies the command through <see cref="CallLogAggregate"/>, saves, and writes its read-side row. The
/// conversion into a concern goes through <see cref="ConcernIntake"/>, the one intake of <c>reportConcern</c>.
/// </summary>
[GrainType("call-log")]
public sealed class CallLogGrain(
    [PersistentState("callLog", StorageNames.Default)] IPersistentState<CallLogState> state,
    IIntakeStore store,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ICallLogGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    private CallLogAggregate Aggregate() => new(LocalId, state.State);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            // Heals a row whose write was lost (docs/architecture.md "Read side").
            await store.UpsertCallAsync(Aggregate().Row(TenantId));
        }
    }

    /// <inheritdoc />
    public async Task<CallView> Log(LogCall input, Actor actor)
    {
        var call = Aggregate();
        if (call.IsReplayOfLog(input, actor))
        {
            // A retry completes an escalation whose answer was lost (R-1.10; docs/intake.md).
            return await EscalateAsync(call, actor);
        }

        var now = clock.GetUtcNow();
        var (summary, answeredAt) = CallLogAggregate.Check(input, now);
        string? unit = null;
        if (input.CallerPersonId is { } caller)
        {
            // Need-to-know (docs/access.md): level-3 staff staff the line and may log a call about anyone of the tenant.
            var person = await IntakePersonScope.EnsureAsync(GrainFactory, TenantId, caller, "callerPersonId", actor, level3SeesTenant: true);
            unit = person.OrganizationId;
        }

        call.Log(input, summary, answeredAt, unit, actor, now);
        await state.CommitAsync();
        await store.UpsertCallAsync(call.Row(TenantId));
        return await EscalateAsync(call, actor);
    }

    /// <summary>
    /// A known caller graded HIGH or IMMINENT is reported at once through the one intake of concerns, so the high-risk
    /// protocol starts in the same request (R-1.10; docs/intake.md "Escalation at logging"). Idempotent: keyed by the call,
    /// and a converted call answers its case.
    /// </summary>
    private async Task<CallView> EscalateAsync(CallLogAggregate call, Actor actor)
    {
        if (!call.NeedsEscalation)
        {
            return await ViewAsync(call, actor);
        }

        return await ConvertAsync(call, call.ConcernPerson(null)!, actor);
    }

    /// <inheritdoc />
    public async Task<CallView> Get(Actor viewer)
    {
        var call = Aggregate();
        call.EnsureReadable(viewer, await StaffScopes.ResolveAsync(GrainFactory, TenantId, viewer));
        return await ViewAsync(call, viewer);
    }

    /// <inheritdoc />
    public async Task<CallView> ConvertToConcern(string? personId, Actor actor)
    {
        var call = Aggregate();
        call.EnsureReadable(actor, await StaffScopes.ResolveAsync(GrainFactory, TenantId, actor));
        if (call.ConcernPerson(personId) is not { } person)
        {
            return await ViewAsync(call, actor);
        }

        return await ConvertAsync(call, person, actor);
    }

    private async Task<CallView> ConvertAsync(CallLogAggregate call, string person, Actor actor)
    {
        // The one intake of concerns: joins the person's open case or opens one, runs the high-risk protocol on
        // HIGH and above. Keyed by the call, so a conversion whose answer was lost is not reported twice (docs/idempotency.md).
        var concern = call.Concern(person, null) with { IdempotencyKey = "call:" + LocalId };
        var view = await ConcernIntake.ReportAsync(GrainFactory, TenantId, concern, actor);
        call.Converted(ReportReceipts.CaseIdOf(view), person, actor, clock.GetUtcNow(), ReportReceipts.ReceiptIdOf(view));
        await state.CommitAsync();
        await store.UpsertCallAsync(call.Row(TenantId));
        return await ViewAsync(call, actor);
    }

    /// <summary>
    /// The call for <paramref name="viewer"/>: its <c>caseId</c> the case's id when the case opens to them, the receipt's id
    /// to a converter answered with a receipt, else null (<see cref="ReportReceipts.ShownCaseIdAsync"/>; docs/intake.md).
    /// </summary>
    private async Task<CallView> ViewAsync(CallLogAggregate call, Actor viewer)
    {
        var (caseId, receiptId, convertedBy) = call.Conversion;
        return call.View(await ReportReceipts.ShownCaseIdAsync(GrainFactory, TenantId, caseId, receiptId, convertedBy, viewer));
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new CallLogState();
        DeactivateOnIdle();
    }
}
