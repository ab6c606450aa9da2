using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The roles that may cancel a task: level 3 and the chain above it (R-4.3).</summary>
    private static readonly IReadOnlyList<string> CancelTaskRoles = [.. Roles.Level3, Roles.Coordinator, Roles.Supervisor, Roles.TenantAdmin];

    /// <summary>The roles that may call <c>completeTask</c> at all: case staff and volunteers (each kind narrows it, <see cref="CompleteTaskRolesFor"/>).</summary>
    private static readonly IReadOnlyList<string> CompleteTaskRoles = [.. Roles.CaseStaff, Roles.Volunteer];

    /// <summary>
    /// The roles that may complete a task of <paramref name="kind"/> (docs/protocol.md "Who completes which task"):
    /// <list type="bullet">
    /// <item><see cref="CaseTaskKind.ProfessionalCrisisIntervention"/> — level 3 only (Counsellor, Clinician): the task stands for
    /// the professionals taking over crisis intervention, the same rule as <c>startIntervention</c> (R-1.10, R-4.3).</item>
    /// <item><see cref="CaseTaskKind.GuideToPsychiatricInstitution"/> — the roles that refer (<see cref="CaseReferrals.Roles"/>:
    /// Counsellor, Clinician, Coordinator; R-1.5, R-1.10, R-4.3), like <c>proposeReferral</c>/<c>sendReferral</c>.</item>
    /// <item>the other R-1.10 protocol tasks (<see cref="CaseTaskKind.NotifyFamilyEmergencyContact"/>,
    /// <see cref="CaseTaskKind.RaiseVisitFrequency"/>, <see cref="CaseTaskKind.PoliceTransportAssistance"/>) — case staff
    /// (<see cref="Roles.CaseStaff"/>: a homeroom teacher or grid worker calls the family, arranges visits or the police), not
    /// volunteers: a volunteer is no member of the warning chain of a High/Imminent case (R-4.3).</item>
    /// <item>every other task (follow-up visit, discharge hand-over and community check) — case staff and volunteers, as before.</item>
    /// </list>
    /// </summary>
    /// <param name="kind">The task's kind.</param>
    /// <returns>The roles, one of which the actor must hold.</returns>
    public static IReadOnlyList<string> CompleteTaskRolesFor(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.ProfessionalCrisisIntervention => Roles.Level3,
        CaseTaskKind.GuideToPsychiatricInstitution => CaseReferrals.Roles,
        CaseTaskKind.NotifyFamilyEmergencyContact or CaseTaskKind.RaiseVisitFrequency or CaseTaskKind.PoliceTransportAssistance => Roles.CaseStaff,
        _ => CompleteTaskRoles,
    };

    /// <summary>
    /// Adds an open task of <paramref name="kind"/> unless one is already open (so a repeated assessment creates no
    /// duplicate, R-1.10), due per the tenant's deadline for the kind counted from <see cref="Now"/> on the tenant's
    /// calendar (hours elapsed, or working days ending at local midnight, R-2.4) but no later than the kind's calendar cap
    /// (<see cref="TenantSettings.DueFor"/>, RT17-9), owned by the case's owner or else the queue of its level. Needs the
    /// tenant settings.
    /// </summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="noLaterThan">A deadline to keep (UTC) when it is earlier than the tenant's: a reopened case's protocol
    /// task keeps the deadline the closing stopped (docs/protocol.md "Reopening a High or Imminent case"); null for none.</param>
    /// <param name="keptWhy">What the task's entry says when <paramref name="noLaterThan"/> cut the deadline; null: a
    /// reopened case's kept deadline.</param>
    /// <returns>The new task, or null when one was already open.</returns>
    public CaseTask? AddTaskOnce(CaseTaskKind kind, DateTimeOffset? noLaterThan = null, string? keptWhy = null)
    {
        if (State.Tasks.Any(t => t.Kind == kind && t.Status == CaseTaskStatus.Open))
        {
            return null;
        }

        var due = Settings.DueFor(kind, Now);
        var owner = State.AssigneeId ?? CaseQueues.ForLevel(State.EscalationLevel);
        return noLaterThan is { } kept && kept < due.DueAt
            ? AddTask(kind, new ProtocolDue(kept, null), owner, keptWhy ?? $" (kept from before the case was closed; counted from now it would fall due {due.DueAt:O}; R-1.10)")
            : AddTask(kind, due, owner);
    }

    /// <summary>Adds an open task (id <c>t{n}</c>) due at <paramref name="dueAt"/> (UTC) for <paramref name="owner"/>, and records it.</summary>
    public CaseTask AddTask(CaseTaskKind kind, DateTimeOffset dueAt, string owner) => AddTask(kind, new ProtocolDue(dueAt, null), owner);

    /// <summary>
    /// Adds an open task due at <paramref name="due"/>'s instant and records it; when the kind's calendar cap cut the tenant's
    /// deadline, the <c>TaskCreated</c> entry says so with the instant the calendar alone gave (RT17-9, docs/protocol.md);
    /// <paramref name="why"/>, when given, is said instead (a reopened case's kept deadline).
    /// </summary>
    private CaseTask AddTask(CaseTaskKind kind, ProtocolDue due, string owner, string? why = null)
    {
        var task = new CaseTask(NextId("t"), kind, owner, CaseTaskStatus.Open, Now, due.DueAt, 0, null, null, null, null, null);
        State.Tasks.Add(task);
        KeepFacts(f => f.TaskOpened(task));
        Change.TasksCreated.Add(task);
        var capped = why ?? (due.Uncapped is { } uncapped ? CapNote(kind, uncapped) : "");
        Record("system", "TaskCreated", $"{task.Id} {kind} for {owner}, due {due.DueAt:O}{capped}");
        return task;
    }

    /// <summary>The <c>TaskCreated</c> note of a capped deadline: the tenant's deadline, where its calendar put it and the cap.</summary>
    private string CapNote(CaseTaskKind kind, DateTimeOffset uncapped)
    {
        var spec = Settings.DeadlineFor(kind);
        var cap = ProtocolDeadlineBounds.CalendarCap(kind);
        var limit = cap.TotalDays >= 5 ? $"{(int)cap.TotalDays} days" : $"{(int)cap.TotalHours} hours";
        return $" (capped at {limit}, its kind's longest: the tenant's {spec.Amount} {SchemaNames.Value(spec.Unit)} on its calendar would fall due {uncapped:O}; RT17-9)";
    }

    /// <summary>
    /// Marks every open task of <paramref name="kind"/> done by <paramref name="actor"/> through the mutation
    /// <paramref name="action"/> with <paramref name="note"/> (e.g. <c>startIntervention</c> does the crisis-intervention task,
    /// R-1.10), and says so on the timeline (<c>TaskDone</c>: which task, by which action and whom).
    /// </summary>
    public void CompleteOpenTasks(CaseTaskKind kind, Actor actor, string note, string action)
    {
        for (var i = 0; i < State.Tasks.Count; i++)
        {
            if (State.Tasks[i] is { Status: CaseTaskStatus.Open } t && t.Kind == kind)
            {
                Close(i, CaseTaskStatus.Done, actor, note, action);
                Record(actor.Subject, "TaskDone", $"{t.Id} {SchemaNames.Value(t.Kind)} completed by {action} ({actor.Subject}): {note}");
            }
        }
    }

    /// <summary>
    /// Applies, in order, the task completions another case rule asked for (<see cref="CaseContacts.Log"/>: a logged visit
    /// completes the follow-up visit and the raised-visits task, R-7.3, R-1.10; <see cref="CaseReferrals.Send"/>: a sent
    /// referral completes the guidance task, R-1.10), each by <see cref="CompleteOpenTasks(CaseTaskKind, Actor, string, string)"/> under the completion's action.
    /// </summary>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange CompleteOpenTasks(IEnumerable<TaskCompletion> completions, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(completions);
        foreach (var completion in completions)
        {
            CompleteOpenTasks(completion.Kind, actor, completion.Note, completion.Action);
        }

        return Change;
    }

    /// <summary>Cancels every open task (a closed case has none) by <paramref name="actor"/> through <paramref name="action"/> (e.g. <c>closeCase</c>) with <paramref name="note"/>.</summary>
    public void CancelOpenTasks(Actor actor, string note, string action)
    {
        for (var i = 0; i < State.Tasks.Count; i++)
        {
            if (State.Tasks[i] is { Status: CaseTaskStatus.Open } t)
            {
                Close(i, CaseTaskStatus.Cancelled, actor, note, action);
                Record(actor.Subject, "TaskCancelled", $"{t.Id} {SchemaNames.Value(t.Kind)} cancelled by {action} ({actor.Subject}): {note}");
            }
        }
    }

    /// <summary>
    /// Checks closing the task <paramref name="taskId"/> without changing anything: completing needs case staff or a
    /// volunteer, cancelling level 3 or the chain above (<c>FORBIDDEN</c>); completing a task of a kind that names its roles
    /// needs one of them (<see cref="CompleteTaskRolesFor"/>: <c>FORBIDDEN</c>, details <c>rule: task-role</c>,
    /// <c>taskKind</c> and <c>requiredRoles</c>; the crisis-intervention task is level 3 only, R-1.10, R-4.3); a task that is already done or cancelled cannot be
    /// closed again (<c>TASK_ALREADY_CLOSED</c>, saying by whom, when and through which action, <see cref="TaskClosure.AlreadyClosed"/>);
    /// the grading task of a case not yet graded is closed only by grading it — neither completed nor cancelled by hand
    /// (<c>REASSESSMENT_REQUIRED</c>, <c>rule: risk-ungraded</c>; <see cref="CaseTaskKind.GradeRisk"/>);
    /// the note is at most 4000 characters, and completing a crisis-work task (crisis intervention, guidance to a psychiatric
    /// institution, police transport) needs a written note (<c>VALIDATION_FAILED</c>, field <c>note</c>, rule <c>crisis-note</c>;
    /// <see cref="Validation.WrittenReason.IsWritten"/>), the record that the crisis was worked (<see cref="CrisisWorkedThisEpisode"/>).
    /// </summary>
    /// <param name="taskId">The task's id (<c>t{n}</c>).</param>
    /// <param name="note">A note (required by the caller for cancelling).</param>
    /// <param name="actor">Who closes it.</param>
    /// <param name="to"><see cref="CaseTaskStatus.Done"/> or <see cref="CaseTaskStatus.Cancelled"/>.</param>
    /// <returns>The checked closing, or null when no task of that id is among the case's current (hot) tasks.</returns>
    public TaskClosure? PrepareTaskClosure(string taskId, string? note, Actor actor, CaseTaskStatus to)
    {
        var cancelling = to == CaseTaskStatus.Cancelled;
        RequireAny(actor, cancelling ? CancelTaskRoles : CompleteTaskRoles, cancelling ? "cancel a task" : "complete a task");
        if (State.Tasks.Find(t => t.Id == taskId) is not { } task)
        {
            return null;
        }

        if (!cancelling)
        {
            EnsureMayComplete(task.Kind, actor);
        }
        else if (!actor.HasAny(CompleteTaskRolesFor(task.Kind)) && !actor.HasAny([Roles.Supervisor, Roles.TenantAdmin]))
        {
            // Cancelling a deadline takes at least the roles that may do the work, or supervision (round-31 trial: a grade
            // leader cancelled the professionals' crisis-intervention task of a High case, which only level 3 completes).
            throw MayNotCancel(task.Kind);
        }

        if (task.Status != CaseTaskStatus.Open)
        {
            throw TaskClosure.AlreadyClosed(task, to);
        }

        if (task.Kind == CaseTaskKind.GradeRisk && State.RiskUngraded)
        {
            throw GradeRiskNotByCompleteTask(task); // nor cancelled: the case would wait ungraded with no deadline again
        }

        var text = OptionalText(note, "note");
        if (!cancelling && CompletionNeedsNote(task.Kind) && !Validation.WrittenReason.IsWritten(text))
        {
            // Round-32 new-user trial: the police-transport task was ticked with no note, did not count as crisis work, and
            // could not be done again; the note is the record that the crisis was worked (EnsureMayClose).
            throw new CareGridException(ErrorCodes.ValidationFailed, Imports.Bilingual.Join(
                $"Completing {SchemaNames.Value(task.Kind)} needs a note saying what was done (at least 10 letters or 4 Chinese characters, 4 of them different): it is the record that the crisis was worked (R-1.10). Nothing was changed.",
                "完成此危机处置任务须写明所做处置（至少 4 个汉字或 10 个字母）：这是危机已处置的记录。未作任何更改。"),
                new Dictionary<string, string> { ["field"] = "note", ["rule"] = "crisis-note" });
        }

        var gate = cancelling ? null : ConsentGate.ForCompletedTask(task.Kind);
        return new TaskClosure(task, to, text, actor, gate);
    }

    /// <summary>Closes a checked task (its consent gate passed) and records <c>TaskDone</c> or <c>TaskCancelled</c>.</summary>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange CloseTask(TaskClosure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var task = closure.Task;
        var index = State.Tasks.FindIndex(t => t.Id == task.Id);
        if (index < 0 || State.Tasks[index].Status != CaseTaskStatus.Open)
        {
            throw new InvalidOperationException($"Task {task.Id} is no longer open on this case.");
        }

        Close(index, closure.To, closure.Actor, closure.Note, closure.Action);
        Record(closure.Actor.Subject, closure.To == CaseTaskStatus.Done ? "TaskDone" : "TaskCancelled",
            $"{task.Id} {SchemaNames.Value(task.Kind)}" + (closure.Note is null ? "" : ": " + closure.Note));
        return Change;
    }

    /// <summary>
    /// <c>FORBIDDEN</c> unless <paramref name="actor"/> holds one of <see cref="CompleteTaskRolesFor"/>(<paramref name="kind"/>);
    /// the message names the task kind and the roles that may (R-1.10, R-4.3), details <c>rule: task-role</c>,
    /// <c>taskKind</c> (the schema's enum value) and <c>requiredRoles</c> (comma-separated).
    /// </summary>
    private static void EnsureMayComplete(CaseTaskKind kind, Actor actor)
    {
        var roles = CompleteTaskRolesFor(kind);
        if (actor.HasAny(roles))
        {
            return;
        }

        var why = kind == CaseTaskKind.ProfessionalCrisisIntervention
            ? " It stands for the professionals taking over crisis intervention, as startIntervention does"
            : "";
        throw new CareGridException(ErrorCodes.Forbidden,
            $"Your roles do not allow you to complete a {SchemaNames.Value(kind)} task; it takes one of the roles {string.Join(", ", roles)}.{why} (R-1.10, R-4.3).",
            new Dictionary<string, string> { ["rule"] = "task-role", ["taskKind"] = SchemaNames.Value(kind), ["requiredRoles"] = string.Join(",", roles) });
    }

    /// <summary>
    /// The refusal of <c>cancelTask</c> by a role that may cancel tasks (<see cref="CancelTaskRoles"/>) but may not do this
    /// task's work (<see cref="CompleteTaskRolesFor"/>) and is not a Supervisor or TenantAdmin: a Coordinator and the
    /// crisis-intervention task (level 3 only, R-1.10, R-4.3). <c>FORBIDDEN</c>, <c>rule: task-role</c>, <c>taskKind</c>,
    /// <c>requiredRoles</c>, in English and Chinese.
    /// </summary>
    private static CareGridException MayNotCancel(CaseTaskKind kind)
    {
        var roles = CompleteTaskRolesFor(kind).Concat([Roles.Supervisor, Roles.TenantAdmin]).Distinct().ToList();
        return new CareGridException(ErrorCodes.Forbidden,
            Imports.Bilingual.Join(
                $"Your roles do not allow you to cancel a {SchemaNames.Value(kind)} task: cancelling a deadline takes a role that may do the work, or supervision ({string.Join(", ", roles)}; R-1.10, R-4.3). Nothing was changed.",
                $"您的角色不能取消此类任务（{SchemaNames.Value(kind)}）：取消期限须由可完成该项工作的角色或督导人员进行（R-1.10、R-4.3）。未作任何更改。"),
            new Dictionary<string, string> { ["rule"] = "task-role", ["taskKind"] = SchemaNames.Value(kind), ["requiredRoles"] = string.Join(",", roles) });
    }

    /// <summary>
    /// The refusal of <c>completeTask</c> and <c>cancelTask</c> on the <see cref="CaseTaskKind.GradeRisk"/> task of a case not yet
    /// graded: only a grading does it (<c>assessRisk</c> at any level, even LOW, or a screening), so the task cannot be ticked off
    /// or cancelled while the case is still ungraded — cancelled, it would leave the case ungraded with no deadline that
    /// escalates it (docs/protocol.md "Ungraded reports"). <c>REASSESSMENT_REQUIRED</c>, <c>rule: risk-ungraded</c>,
    /// <c>taskId</c>, <c>taskKind</c>, in English and Chinese.
    /// </summary>
    private static CareGridException GradeRiskNotByCompleteTask(CaseTask task) =>
        new(ErrorCodes.ReassessmentRequired,
            Imports.Bilingual.Join(
                $"Task {task.Id} (GRADE_RISK) is done by grading the case's risk, not by completeTask or cancelTask: call assessRisk (any level, even LOW) or record a screening, which completes it (docs/protocol.md \"Ungraded reports\"). Nothing was changed.",
                $"任务 {task.Id}（评估风险等级）须通过评定风险完成，不能直接标记完成或取消：请进行风险评估（任何等级，包括“低”）或记录一次筛查，任务随之完成。未作任何更改。"),
            new Dictionary<string, string> { ["rule"] = "risk-ungraded", ["taskId"] = task.Id, ["taskKind"] = SchemaNames.Value(task.Kind) });

    private void Close(int index, CaseTaskStatus to, Actor actor, string? note, string action)
    {
        var closed = State.Tasks[index] with { Status = to, ClosedAt = Now, ClosedBy = actor.Subject, Note = note, ClosedByAction = action };
        State.Tasks[index] = closed;
        KeepFacts(f => f.TaskClosed(closed));
        Change.TasksClosed.Add(closed);
        AfterTaskClosed(closed); // a discharge hand-over's next step (R-2.4, CaseAggregate.Discharge.cs)
    }
}
