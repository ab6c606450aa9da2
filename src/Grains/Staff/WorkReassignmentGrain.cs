using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Staff;

/// <summary>Persisted state of a keyed <see cref="WorkReassignmentGrain"/> (docs/staff-changes.md).</summary>
[GenerateSerializer, Alias("CareGrid.WorkReassignmentState")]
public sealed class WorkReassignmentState
{
    /// <summary>The keyed request (caller, key, fingerprint, when), or null before the first keyed run.</summary>
    [Id(0)] public RememberedWrite? CreatedBy { get; set; }
    /// <summary>The checked plan, stored before it is applied (so a retry after a cut finishes it).</summary>
    [Id(1)] public WorkReassignment.CheckedPlan? Plan { get; set; }
    /// <summary>The answer, once applied.</summary>
    [Id(2)] public WorkReassignmentResult? Result { get; set; }
}

/// <summary>
/// Runs one <c>reassignWork</c>. A keyed run stores the plan before applying it and the answer after, and forgets both
/// <see cref="RememberedWrites.Window"/> (24 h) later by a reminder, so nothing of it outlives the retry window
/// (docs/idempotency.md). An unkeyed run stores nothing.
/// </summary>
[GrainType("workReassignment")]
public sealed class WorkReassignmentGrain(
    [PersistentState("workReassignment", StorageNames.Default)] IPersistentState<WorkReassignmentState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IWorkReassignmentGrain, IRemindable
{
    private const string ForgetReminder = "forget";

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());

    /// <summary>The idempotency fingerprint of a request (docs/idempotency.md).</summary>
    public static string Fingerprint(ReassignWorkRequest request) => IdempotencyKey.Fingerprint("reassignWork", request);

    /// <inheritdoc />
    public async Task<WorkReassignmentResult> Run(ReassignWorkRequest request, string? idempotencyKey, Actor actor)
    {
        var service = new WorkReassignment(GrainFactory, readModel, TenantId);
        if (idempotencyKey is null)
        {
            return await service.ApplyAsync(await service.PlanAsync(request, actor), actor);
        }

        var fingerprint = Fingerprint(request);
        var now = clock.GetUtcNow();
        if (state.State.CreatedBy is { } first && now - first.At <= RememberedWrites.Window
            && RememberedWrites.Replays(first, actor.Subject, idempotencyKey, fingerprint, "reassignWork"))
        {
            return state.State.Result ?? await FinishAsync(service, state.State.Plan!, actor);
        }

        var plan = await service.PlanAsync(request, actor);
        state.State = new WorkReassignmentState { CreatedBy = new RememberedWrite(actor.Subject, idempotencyKey, fingerprint, now), Plan = plan };
        await state.CommitAsync();
        await this.RegisterOrUpdateReminder(ForgetReminder, RememberedWrites.Window, RememberedWrites.Window);
        return await FinishAsync(service, plan, actor);
    }

    private async Task<WorkReassignmentResult> FinishAsync(WorkReassignment service, WorkReassignment.CheckedPlan plan, Actor actor)
    {
        var result = await service.ApplyAsync(plan, actor);
        state.State.Result = result;
        await state.CommitAsync();
        return result;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ForgetReminder)
        {
            return;
        }

        if (state.State.CreatedBy is { } first && clock.GetUtcNow() - first.At < RememberedWrites.Window)
        {
            return; // remembered again since; the reminder fires again a window later
        }

        await state.ClearStateAsync();
        state.State = new WorkReassignmentState();
        if (await this.GetReminder(ForgetReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }
}
