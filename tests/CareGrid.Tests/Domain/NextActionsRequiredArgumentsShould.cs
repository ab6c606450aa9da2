using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>
/// <see cref="NextAction.RequiredArguments"/>: <c>nextActions</c> names the optional arguments a call needs — <c>note</c> for
/// completing a crisis-work task, <c>reason</c> for closing and reopening — and the mutation refuses without exactly those
/// (round-32 review: the console knew the crisis-note rule from its own list of task kinds, an integrator only from a refusal).
/// </summary>
[Trait("tier", "domain")]
public class NextActionsRequiredArgumentsShould
{
    private static readonly CaseTaskKind[] CrisisWork =
        [CaseTaskKind.ProfessionalCrisisIntervention, CaseTaskKind.GuideToPsychiatricInstitution, CaseTaskKind.PoliceTransportAssistance];

    private static CaseState ImminentWithEveryTask()
    {
        var s = Case(risk: RiskLevel.Imminent);
        foreach (var kind in Enum.GetValues<CaseTaskKind>().Where(k => k != CaseTaskKind.GradeRisk))
        {
            s.Tasks.Add(new CaseTask($"t{++s.Sequence}", kind, "queue:level-3", CaseTaskStatus.Open, Now.AddHours(-1), Now.AddHours(3), 0, null, null, null, null, null));
        }

        return s;
    }

    [Fact]
    public void Name_the_note_of_exactly_the_crisis_work_tasks_and_refuse_their_completion_without_it()
    {
        var s = ImminentWithEveryTask();
        var next = CaseActions.Next(At(s), Clinician, Granted);
        var completions = next.Where(a => a.Action == "completeTask").ToList();
        Assert.Equal(s.Tasks.Count, completions.Count);
        foreach (var item in completions)
        {
            var kind = s.Tasks.Single(t => t.Id == item.TaskId).Kind;
            var crisis = CrisisWork.Contains(kind);
            Assert.True(item.Allowed, $"{kind}: {item.Code} {item.Reason}");
            Assert.Equal(crisis ? ["note"] : null, item.RequiredArguments);

            // The same call without a note: refused on that very argument for a crisis task, goes ahead for any other.
            var fresh = At(ImminentWithEveryTask());
            var before = Snapshot(fresh.State);
            if (crisis)
            {
                var refusal = Refused(() => fresh.PrepareTaskClosure(item.TaskId!, null, Clinician, CaseTaskStatus.Done));
                Assert.Equal(ErrorCodes.ValidationFailed, refusal.Code);
                Assert.Equal("note", refusal.Details["field"]);
                Assert.Equal(before, Snapshot(fresh.State));
            }
            else
            {
                Assert.NotNull(fresh.PrepareTaskClosure(item.TaskId!, null, Clinician, CaseTaskStatus.Done));
            }
        }

        // Cancelling takes its reason as a required argument in the schema already: nothing to name.
        Assert.All(next.Where(a => a.Action == "cancelTask"), a => Assert.Null(a.RequiredArguments));
    }

    [Fact]
    public void Name_the_reason_of_closing_and_reopening_whether_allowed_or_not_and_of_nothing_else()
    {
        foreach (var (state, viewer) in new[]
        {
            (Case(), Counsellor), (Case(), Volunteer), (Case(CaseStatus.Closed), Counsellor), (Case(CaseStatus.Closed), Reporter),
            (Case(CaseStatus.FollowUp, RiskLevel.Low), Clinician),
        })
        {
            foreach (var item in CaseActions.Next(At(state), viewer, Granted))
            {
                var expected = item.Action is "closeCase" or "reopenCase" ? new[] { "reason" } : null;
                Assert.True(Equals(expected, item.RequiredArguments) || expected!.SequenceEqual(item.RequiredArguments ?? []),
                    $"{item.Action} for {string.Join(",", viewer.Roles)} on {state.Status}: [{string.Join(",", item.RequiredArguments ?? [])}]");
                if (expected is not null && item.Allowed)
                {
                    var trigger = item.Action == "closeCase" ? CaseTrigger.Close : CaseTrigger.Reopen;
                    var refusal = Refused(() => At(state).PrepareTransition(trigger, new CaseCommand(null, null), viewer));
                    Assert.Equal((ErrorCodes.ValidationFailed, "reason"), (refusal.Code, refusal.Details["field"]));
                }
            }
        }

        Assert.Contains(CaseActions.Next(At(Case()), Counsellor, Granted), a => a is { Action: "closeCase", Allowed: true });
        Assert.Contains(CaseActions.Next(At(Case()), Volunteer, Granted), a => a is { Action: "closeCase", Allowed: false });
    }
}
