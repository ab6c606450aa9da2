using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using FsCheck;
using FsCheck.Fluent;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>Who issues a command in the generated tenant (<see cref="RecountTenant"/>).</summary>
public enum Staff
{
    /// <summary>Homeroom teacher of class-7-1 (Caseworker, level 1).</summary>
    Homeroom1,
    /// <summary>Homeroom teacher of class-7-2 (Caseworker, level 1).</summary>
    Homeroom2,
    /// <summary>Psychology teacher of the counselling centre (Counsellor, level 3).</summary>
    Psych,
    /// <summary>Grade leader of grade-7 (Coordinator, level 2).</summary>
    Leader,
    /// <summary>The tenant's admin.</summary>
    Admin,
    /// <summary>The system (every path of need-to-know opens; what a scheduled job or an import does).</summary>
    System,
}

/// <summary>The steps of a referral (R-1.11).</summary>
public enum ReferralStep { Propose, Send, Accept, Decline, Complete }

/// <summary>
/// One command of a generated sequence. Case and person numbers index the cases and people the run has so far (modulo their
/// count), so every shrunk sequence still means something; a command about a case when there is none does nothing.
/// </summary>
public abstract record TenantCommand;

public sealed record ReportConcernCmd(int Person, RiskLevel Risk, Staff By, bool Unsure = false) : TenantCommand;
public sealed record AssessRiskCmd(int Case, RiskLevel Risk, Staff By) : TenantCommand;
public sealed record EscalateCmd(int Case, int Level, Staff By) : TenantCommand;
public sealed record TakeCaseCmd(int Case, Staff By) : TenantCommand;
public sealed record FireCmd(int Case, CaseTrigger Trigger, Staff By, bool Override) : TenantCommand;
public sealed record CompleteTaskCmd(int Case, int Task, Staff By) : TenantCommand;
public sealed record CancelTaskCmd(int Case, int Task, Staff By) : TenantCommand;
public sealed record LogContactCmd(int Case, int Minutes, Staff By) : TenantCommand;
public sealed record ScheduleFollowUpCmd(int Case, Staff By) : TenantCommand;
public sealed record ReferralCmd(int Case, ReferralStep Step, Staff By) : TenantCommand;
public sealed record CheckDeadlinesCmd(int Case) : TenantCommand;
public sealed record GrantConsentCmd(int Person) : TenantCommand;
public sealed record RegisterPersonCmd(int Unit, string[] TargetGroups) : TenantCommand
{
    public override string ToString() => $"RegisterPersonCmd {{ Unit = {Unit}, TargetGroups = [{string.Join(",", TargetGroups)}] }}";
}
public sealed record SetTargetGroupCmd(int Person, string Code, int UntilDays) : TenantCommand;
public sealed record ChangeMonitoringCmd(int Person, MonitoringTrigger Trigger) : TenantCommand;
public sealed record ClockCmd(int Minutes) : TenantCommand;

/// <summary>The FsCheck generator and shrinker of command sequences (at most <see cref="MaxCommands"/> commands).</summary>
public static class TenantCommands
{
    public const int MaxCommands = 40;

    public static readonly string[] TargetGroupCodes = ["LeftBehindChild", "Disability", "LowIncome"];

    /// <summary>Triggers, weighted so that cases go through the whole lifecycle within a sequence.</summary>
    private static readonly CaseTrigger[] Triggers =
    [
        CaseTrigger.Triage, CaseTrigger.Triage, CaseTrigger.Activate, CaseTrigger.Activate, CaseTrigger.StartIntervention, CaseTrigger.StartIntervention,
        CaseTrigger.StartFollowUp, CaseTrigger.StartFollowUp, CaseTrigger.Close, CaseTrigger.Close, CaseTrigger.Close, CaseTrigger.Reopen, CaseTrigger.Reopen,
    ];

    /// <summary>Who acts: mostly the system and the level-3 psychology teacher, so that enough commands are accepted; the others are often refused (need-to-know).</summary>
    private static readonly Gen<Staff> Actors = Gen.Frequency(
        (4, Gen.Constant(Staff.System)), (4, Gen.Constant(Staff.Psych)), (1, Gen.Constant(Staff.Homeroom1)), (1, Gen.Constant(Staff.Homeroom2)),
        (1, Gen.Constant(Staff.Leader)), (1, Gen.Constant(Staff.Admin)));

    private static readonly int[] ClockSteps = [20, 90, 5 * 60, 26 * 60, 3 * 24 * 60, 8 * 24 * 60];

    private static Gen<T> Of<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static Gen<int> Index => Gen.Choose(0, 7);

    private static Gen<TR> Z<T1, T2, T3, TR>(Gen<T1> a, Gen<T2> b, Gen<T3> c, Func<T1, T2, T3, TR> f) =>
        a.SelectMany(x => b.SelectMany(y => c.Select(z => f(x, y, z))));

    /// <summary>One command, weighted towards the case lifecycle.</summary>
    public static Gen<TenantCommand> Command { get; } = Gen.Frequency(
        (8, Z(Index, Of<RiskLevel>(), Actors, (p, r, s) => (p, r, s)).SelectMany(t => Gen.Elements(false, false, false, true),
            (t, unsure) => (TenantCommand)new ReportConcernCmd(t.p, unsure ? RiskLevel.Low : t.r, t.s, unsure))), // unsure: reported without a grading
        (3, Z(Index, Of<RiskLevel>(), Actors, (c, r, s) => (TenantCommand)new AssessRiskCmd(c, r, s))),
        (2, Z(Index, Gen.Choose(2, 3), Actors, (c, l, s) => (TenantCommand)new EscalateCmd(c, l, s))),
        (1, Gen.Zip(Index, Actors).Select(t => (TenantCommand)new TakeCaseCmd(t.Item1, t.Item2))),
        (12, Z(Index, Gen.Elements(Triggers), Actors, (c, t, s) => (c, t, s)).SelectMany(t => Gen.Elements(false, true),
            (t, o) => (TenantCommand)new FireCmd(t.c, t.t, t.s, o))),
        (4, Z(Index, Index, Actors, (c, k, s) => (TenantCommand)new CompleteTaskCmd(c, k, s))),
        (1, Z(Index, Index, Actors, (c, k, s) => (TenantCommand)new CancelTaskCmd(c, k, s))),
        (2, Z(Index, Gen.Elements(0, 15, 50), Actors, (c, m, s) => (TenantCommand)new LogContactCmd(c, m, s))),
        (1, Gen.Zip(Index, Actors).Select(t => (TenantCommand)new ScheduleFollowUpCmd(t.Item1, t.Item2))),
        (4, Z(Index, Of<ReferralStep>(), Actors, (c, r, s) => (TenantCommand)new ReferralCmd(c, r, s))),
        (1, Index.Select(c => (TenantCommand)new CheckDeadlinesCmd(c))),
        (2, Index.Select(p => (TenantCommand)new GrantConsentCmd(p))),
        (1, Gen.Zip(Gen.Choose(0, 3), Gen.SubListOf(TargetGroupCodes)).Select(t => (TenantCommand)new RegisterPersonCmd(t.Item1, [.. t.Item2]))),
        (1, Z(Index, Gen.Elements(TargetGroupCodes), Gen.Elements(-1, 0, 10), (p, g, d) => (TenantCommand)new SetTargetGroupCmd(p, g, d))),
        (1, Gen.Zip(Index, Of<MonitoringTrigger>()).Select(t => (TenantCommand)new ChangeMonitoringCmd(t.Item1, t.Item2))),
        (5, Gen.Elements(ClockSteps).Select(m => (TenantCommand)new ClockCmd(m))));

    /// <summary>Sequences of 10–<see cref="MaxCommands"/> commands (shrinking goes below), shrunk by dropping runs of commands.</summary>
    public static Arbitrary<TenantCommand[]> Sequences { get; } = Arb.From(
        Gen.Choose(10, MaxCommands).SelectMany(n => Command.ArrayOf(n)),
        Shrink);

    /// <summary>Shorter sequences: without a half, a quarter, … down to a single command.</summary>
    public static IEnumerable<TenantCommand[]> Shrink(TenantCommand[] commands)
    {
        for (var size = commands.Length / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= commands.Length; start += size)
            {
                yield return [.. commands[..start], .. commands[(start + size)..]];
            }
        }
    }
}
