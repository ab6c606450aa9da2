using CareGrid.Grains.Discharge;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The most discharges one case holds (bounded state, docs/storage.md); the next is refused with <c>DISCHARGE_LIMIT_REACHED</c>.</summary>
    public const int MaxDischarges = 8;

    /// <summary>The mutation that records a step, as task closings and refusals name it.</summary>
    public const string RecordDischargeStepAction = "recordDischargeStep";

    /// <summary>The discharge of this case from <paramref name="hospitalId"/> at <paramref name="dischargedAt"/>, or null (a retried <c>recordDischarge</c> finds it).</summary>
    public DischargeRecord? FindDischarge(string hospitalId, DateTimeOffset dischargedAt) =>
        State.Discharges?.Find(d => d.HospitalOrganizationId == hospitalId && d.DischargedAt == dischargedAt);

    /// <summary>
    /// <c>DISCHARGE_LIMIT_REACHED</c> (extension <c>limit</c>; English and Chinese) when the case holds <see cref="MaxDischarges"/>
    /// discharges and none of them is this one (a retry of a recorded discharge passes). Asked by the intake before the
    /// discharge's concern joins the case, so a refused discharge writes nothing (round-26 red team), and again by
    /// <see cref="RecordDischarge"/>. The message tells the hospital whom to ask: the case's staff close it, and the discharge
    /// recorded again then opens a new case.
    /// </summary>
    /// <param name="hospitalId">The discharging hospital (local id).</param>
    /// <param name="dischargedAt">When the person left it.</param>
    public void EnsureRoomForDischarge(string hospitalId, DateTimeOffset dischargedAt)
    {
        if (State.Discharges is { Count: >= MaxDischarges } && FindDischarge(hospitalId, dischargedAt) is null)
        {
            throw new CareGridException(ErrorCodes.DischargeLimitReached,
                Imports.Bilingual.Join(
                    $"The person's open case already holds {MaxDischarges} discharges, the most one case keeps. Ask the case's staff in the place of residence (or your TenantAdmin) to close it (closeCase), then record this discharge again: it opens a new case. Nothing was recorded.",
                    $"此人的未结个案已记录 {MaxDischarges} 次出院，已达单个个案的上限。请联系居住地的个案工作人员（或租户管理员）先结案，再重新登记本次出院，系统会为其新开个案。本次未记录任何内容。"),
                new Dictionary<string, string> { ["limit"] = MaxDischarges.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }

    /// <summary>
    /// Records a recovered patient's discharge on this case (R-2.4, docs/discharge.md): a <c>Discharge</c> timeline entry and a
    /// <see cref="CaseTaskKind.DischargeHandOver"/> task owned by <see cref="DischargeHandOver.HandOverQueue"/> (the primary health
    /// institution's level), due per the tenant's deadline for that kind (default 5 working days) counted from the discharge on
    /// the tenant's calendar; the case is escalated to <see cref="DischargeHandOver.EscalateTo"/> when below it (as <see cref="Escalate"/>
    /// does: the queue of that level owns a queue-owned case and is notified). The same hospital and discharge instant again changes
    /// nothing (a retry). Needs the tenant settings.
    /// </summary>
    /// <param name="handOver">The checked discharge (<see cref="DischargeIntake"/>).</param>
    /// <param name="actor">The hospital staff member who records it.</param>
    /// <returns>The discharge (the one already recorded on a retry).</returns>
    /// <exception cref="CareGridException"><c>INVALID_TRANSITION</c> on a closed case; <c>VALIDATION_FAILED</c> (<c>dischargedAt</c>) for a
    /// discharge after now; <c>DISCHARGE_LIMIT_REACHED</c> when the case holds <see cref="MaxDischarges"/> discharges.</exception>
    public DischargeRecord RecordDischarge(DischargeHandOver handOver, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(handOver);
        ArgumentNullException.ThrowIfNull(actor);
        if (FindDischarge(handOver.HospitalOrganizationId, handOver.DischargedAt) is { } known)
        {
            return known;
        }

        EnsureOpen("recordDischarge");
        if (handOver.DischargedAt > Now)
        {
            throw CareGridException.Validation("dischargedAt", "dischargedAt is in the future: record a discharge once the patient has left the hospital.");
        }

        EnsureRoomForDischarge(handOver.HospitalOrganizationId, handOver.DischargedAt);

        var settings = Settings;
        var id = NextId("d");
        Record(actor.Subject, "Discharge", $"{id}: discharged by {handOver.HospitalOrganizationId} at {handOver.DischargedAt:O}; hand-over to "
            + $"{handOver.ResidenceOrganizationId} and {handOver.PrimaryHealthOrganizationId} (R-2.4)");
        var task = AddTask(CaseTaskKind.DischargeHandOver, settings.DueFor(CaseTaskKind.DischargeHandOver, handOver.DischargedAt), handOver.HandOverQueue);
        var discharge = new DischargeRecord(id, handOver.HospitalOrganizationId, handOver.ResidenceOrganizationId, handOver.PrimaryHealthOrganizationId,
            handOver.DischargedAt, Now, actor.Subject, handOver.Note, task.Id, null, [], handOver.CommunityCheckQueue);
        (State.Discharges ??= []).Add(discharge);
        if (handOver.EscalateTo is > 1 and <= 3 && handOver.EscalateTo > State.EscalationLevel)
        {
            // The primary health institution keeps the case through its steps: it is on the case's escalation chain.
            Escalate(handOver.EscalateTo, $"discharge {id} handed over to {handOver.PrimaryHealthOrganizationId} (R-2.4, R-2.6)", actor);
        }

        return discharge;
    }

    /// <summary>
    /// Records <paramref name="step"/> of discharge <paramref name="dischargeId"/> (R-2.4, R-2.5): <see cref="DischargeStep.HandOverReceived"/>
    /// completes the hand-over task and <see cref="DischargeStep.CommunityChecked"/> the community-check task (each through
    /// <c>recordDischargeStep</c>; <c>completeTask</c> on those tasks records the step too); the other steps are recorded as they
    /// are. A step already recorded changes nothing. Needs the tenant settings for <see cref="DischargeStep.HandOverReceived"/>.
    /// </summary>
    /// <returns>True when something changed.</returns>
    /// <exception cref="CareGridException"><c>FORBIDDEN</c> unless case staff; <c>NOT_FOUND</c> (Discharge); <c>INVALID_TRANSITION</c>
    /// on a closed case, or <see cref="DischargeStep.CommunityChecked"/> before the hand-over was received (extensions <c>state</c>,
    /// <c>permittedTriggers</c>); <c>VALIDATION_FAILED</c> (<c>note</c>).</exception>
    public bool RecordDischargeStep(string dischargeId, DischargeStep step, string? note, Actor actor)
    {
        RequireAny(actor, Roles.CaseStaff, "record a discharge step");
        var index = State.Discharges?.FindIndex(d => d.Id == dischargeId) ?? -1;
        if (index < 0 || !Enum.IsDefined(step))
        {
            throw CareGridException.NotFound("Discharge", dischargeId);
        }

        var text = OptionalText(note, "note");
        var discharge = State.Discharges![index];
        if (discharge.Has(step))
        {
            return false;
        }

        EnsureOpen(RecordDischargeStepAction);
        var taskId = step switch
        {
            DischargeStep.HandOverReceived => discharge.HandOverTaskId,
            DischargeStep.CommunityChecked => discharge.CommunityCheckTaskId ?? throw StepTooEarly(discharge, step),
            _ => null,
        };
        var taskIndex = taskId is null ? -1 : State.Tasks.FindIndex(t => t.Id == taskId && t.Status == CaseTaskStatus.Open);
        if (taskIndex >= 0)
        {
            // Closing the task records the step (AfterTaskClosed).
            Record(actor.Subject, "TaskDone", $"{taskId} {SchemaNames.Value(State.Tasks[taskIndex].Kind)} completed by {RecordDischargeStepAction} ({actor.Subject})");
            Close(taskIndex, CaseTaskStatus.Done, actor, text, RecordDischargeStepAction);
        }
        else if (step == DischargeStep.HandOverReceived)
        {
            ReceiveHandOver(index, actor.Subject, text); // the hand-over task was cancelled or archived: the step still opens the community check
        }
        else
        {
            AddStep(index, step, actor.Subject, text);
        }

        return true;
    }

    /// <summary>
    /// Called whenever a task closes: a done <see cref="CaseTaskKind.DischargeHandOver"/> records <see cref="DischargeStep.HandOverReceived"/>
    /// and creates the <see cref="CaseTaskKind.DischargeCommunityCheck"/> task for the residence unit's queue, due per the tenant's
    /// deadline (default 5 working days) from now; a done community check records <see cref="DischargeStep.CommunityChecked"/>.
    /// </summary>
    private void AfterTaskClosed(CaseTask closed)
    {
        if (closed.Status != CaseTaskStatus.Done || State.Discharges is not { } discharges
            || closed.Kind is not (CaseTaskKind.DischargeHandOver or CaseTaskKind.DischargeCommunityCheck))
        {
            return;
        }

        var handOver = closed.Kind == CaseTaskKind.DischargeHandOver;
        var index = discharges.FindIndex(d => (handOver ? d.HandOverTaskId : d.CommunityCheckTaskId) == closed.Id);
        if (index < 0)
        {
            return;
        }

        if (handOver)
        {
            ReceiveHandOver(index, closed.ClosedBy ?? "system", closed.Note);
        }
        else
        {
            AddStep(index, DischargeStep.CommunityChecked, closed.ClosedBy ?? "system", closed.Note);
        }
    }

    /// <summary>Records <see cref="DischargeStep.HandOverReceived"/> and creates the discharge's community-check task once .</summary>
    private void ReceiveHandOver(int index, string by, string? note)
    {
        AddStep(index, DischargeStep.HandOverReceived, by, note);
        var discharges = State.Discharges!;
        if (discharges[index].CommunityCheckTaskId is null)
        {
            var check = AddTask(CaseTaskKind.DischargeCommunityCheck, Settings.DueFor(CaseTaskKind.DischargeCommunityCheck, Now), discharges[index].CommunityCheckQueue);
            discharges[index] = discharges[index] with { CommunityCheckTaskId = check.Id };
        }
    }

    private void AddStep(int index, DischargeStep step, string by, string? note)
    {
        var discharge = State.Discharges![index];
        if (discharge.Has(step))
        {
            return;
        }

        State.Discharges[index] = discharge with { Steps = [.. discharge.Steps, new DischargeStepRecord(step, Now, by, note)] };
        Record(by, "DischargeStep", $"{discharge.Id} {SchemaNames.Value(step)}" + (note is null ? "" : ": " + note));
    }

    private static CareGridException StepTooEarly(DischargeRecord discharge, DischargeStep step) =>
        new(ErrorCodes.InvalidTransition,
            $"Discharge {discharge.Id}: {SchemaNames.Value(step)} comes after {SchemaNames.Value(DischargeStep.HandOverReceived)} (the primary health institution "
            + "receives the hand-over first, then checks it with the community, R-2.4). Record HAND_OVER_RECEIVED first.",
            new Dictionary<string, string>
            {
                ["state"] = "HAND_OVER_PENDING",
                ["permittedTriggers"] = $"{RecordDischargeStepAction}(step: {SchemaNames.Value(DischargeStep.HandOverReceived)})",
            });
}
