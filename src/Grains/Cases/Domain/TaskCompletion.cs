namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// What a case command asks of the case's task rules after it applied: complete every open task of
/// <paramref name="Kind"/>, noting <paramref name="Note"/> (e.g. a logged visit completes the follow-up visit, R-1.10, R-7.3),
/// and recording that <paramref name="Action"/> did it (the task's provenance, <see cref="CaseTask.ClosedByAction"/>).
/// </summary>
/// <param name="Kind">The kind of open task to complete.</param>
/// <param name="Note">The note each completed task carries.</param>
/// <param name="Action">The mutation that did the task's work, as the schema names it (e.g. <c>logContact</c>, <c>sendReferral</c>).</param>
public sealed record TaskCompletion(CaseTaskKind Kind, string Note, string Action);
