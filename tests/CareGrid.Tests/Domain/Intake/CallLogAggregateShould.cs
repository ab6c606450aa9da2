using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Intake;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain.Intake;

/// <summary>
/// The call log's rules without a silo (R-5.1, R-5.2, R-4.6, R-1.9; docs/intake.md): the brief risk check's grading
/// (C-SSRS screener triage, R-1.10), what a call must carry, who may read it, and its one-time conversion. A refusal
/// leaves the state as it was.
/// </summary>
[Trait("tier", "domain")]
public sealed class CallLogAggregateShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);
    private static readonly Actor Answerer = new("line-1@school", [Roles.Caseworker]);
    private static readonly Actor Counsellor = new("psych@school", [Roles.Counsellor]);

    private static LogCall Input(string summary = "Student says nobody would miss him", CallRiskCheck? check = null, RiskLevel? stated = null,
        DateTimeOffset? at = null, string? caller = "stu-1") =>
        new(CallChannel.TwentyFourHourLine, at, caller, summary, check ?? CallRiskCheck.None, stated, null);

    private static (CallLogAggregate Call, CallLogState State) Logged(string? caller = "stu-1", string? unit = "class-8-1")
    {
        var state = new CallLogState();
        var call = new CallLogAggregate("call-1", state);
        var input = Input(caller: caller);
        var (summary, at) = CallLogAggregate.Check(input, Now);
        call.Log(input, summary, at, unit, Answerer, Now);
        return (call, state);
    }

    [Theory]
    [InlineData(false, false, false, false, false, RiskLevel.Low)]
    [InlineData(true, false, false, false, false, RiskLevel.Low)]
    [InlineData(true, true, false, false, false, RiskLevel.Moderate)]
    [InlineData(true, true, true, false, false, RiskLevel.High)]
    [InlineData(false, false, false, true, false, RiskLevel.High)]
    [InlineData(false, false, false, false, true, RiskLevel.Imminent)]
    public void Grade_the_brief_risk_check_by_the_screener_triage(bool thoughts, bool method, bool plan, bool attempt, bool danger, RiskLevel expected) =>
        Assert.Equal(expected, CallRiskRules.LevelOf(new CallRiskCheck(thoughts, method, plan, attempt, danger)));

    [Fact]
    public void Raise_the_grading_to_the_answerers_stated_risk_but_never_lower_it()
    {
        var plan = new CallRiskCheck(true, true, true, false, false);
        Assert.Equal(RiskLevel.Imminent, CallRiskRules.Grade(plan, RiskLevel.Imminent));
        Assert.Equal(RiskLevel.High, CallRiskRules.Grade(plan, RiskLevel.Low));
        Assert.Equal(RiskLevel.Moderate, CallRiskRules.Grade(CallRiskCheck.None, RiskLevel.Moderate));
    }

    [Theory]
    [InlineData("", "summary")]
    [InlineData("   ", "summary")]
    public void Refuse_an_empty_summary(string summary, string field) =>
        Assert.Equal(field, Refused(() => CallLogAggregate.Check(Input(summary), Now)).Details["field"]);

    [Fact]
    public void Refuse_a_summary_over_4000_characters_and_an_answer_time_in_the_future_or_over_30_days_back()
    {
        Assert.Equal("summary", Refused(() => CallLogAggregate.Check(Input(new string('a', 4001)), Now)).Details["field"]);
        Assert.Equal("answeredAt", Refused(() => CallLogAggregate.Check(Input(at: Now.AddMinutes(1)), Now)).Details["field"]);
        Assert.Equal("answeredAt", Refused(() => CallLogAggregate.Check(Input(at: Now.AddDays(-30).AddSeconds(-1)), Now)).Details["field"]);
        Assert.Equal(Now.AddDays(-30), CallLogAggregate.Check(Input(at: Now.AddDays(-30)), Now).AnsweredAt);
    }

    [Fact]
    public void Let_the_answerer_and_level_3_staff_covering_the_caller_read_it_and_nobody_else()
    {
        var (call, _) = Logged();
        var school = new StaffScope(false, ["class-8-1"]);
        var otherClass = new StaffScope(false, ["class-8-2"]);
        Assert.True(call.MayRead(Answerer, StaffScope.Unassigned));
        Assert.True(call.MayRead(Counsellor, school));
        Assert.False(call.MayRead(Counsellor, otherClass));
        Assert.False(call.MayRead(new Actor("teacher@school", [Roles.Caseworker]), StaffScope.Tenant));
        Assert.False(call.MayRead(new Actor("principal@school", [Roles.Supervisor]), StaffScope.Tenant));
        var refused = Refused(() => call.EnsureReadable(Counsellor, otherClass));
        Assert.Equal((ErrorCodes.Forbidden, "need-to-know"), (refused.Code, refused.Details["rule"]));
    }

    [Fact]
    public void Let_every_level_3_professional_read_an_anonymous_call()
    {
        var (call, _) = Logged(caller: null, unit: null);
        Assert.True(call.MayRead(Counsellor, new StaffScope(false, ["class-8-2"])));
    }

    [Fact]
    public void Convert_an_anonymous_call_only_with_a_person_and_a_known_callers_call_about_the_caller_by_default()
    {
        var (anonymous, anonymousState) = Logged(caller: null, unit: null);
        Assert.Equal("personId", Refused(() => anonymous.ConcernPerson(null)).Details["field"]);
        Assert.Null(anonymousState.CaseId);
        Assert.Equal("stu-9", anonymous.ConcernPerson("stu-9"));

        var (known, _) = Logged();
        Assert.Equal("stu-1", known.ConcernPerson(null));
        Assert.Equal("stu-2", known.ConcernPerson("stu-2"));
    }

    [Fact]
    public void Convert_once_and_answer_the_first_conversion_after()
    {
        var (call, state) = Logged();
        call.Converted("case-1", "stu-1", Counsellor, Now);
        Assert.Null(call.ConcernPerson("stu-1"));
        Assert.Null(call.ConcernPerson(null));

        // About another person: refused, not answered as if reported (round-34 red team F3).
        var other = Assert.Throws<CareGridException>(() => call.ConcernPerson("stu-2"));
        Assert.Equal((ErrorCodes.AlreadyExists, "personId"), (other.Code, other.Details["field"]));
        Assert.Equal(("case-1", "stu-1", "psych@school"), (state.CaseId, state.ConcernPersonId, state.ConvertedBy));
        Assert.Equal("case-1", call.Row("school").CaseId);
    }

    [Fact]
    public void Keep_the_summary_caller_and_risk_answers_out_of_the_list_row()
    {
        var (call, _) = Logged();
        var row = call.Row("school");
        Assert.True(row.KnownCaller);
        Assert.DoesNotContain(typeof(CallRow).GetProperties(), p => p.Name is "Summary" or "CallerPersonId" or "RiskCheck");
    }

    [Fact]
    public void Order_rows_newest_first()
    {
        static CallRow Row(string id, DateTimeOffset at) => new("t", id, CallChannel.Hotline, at, "a", false, RiskLevel.Low, null, null);
        var older = Row("call-b", Now.AddHours(-1));
        var newer = Row("call-a", Now);
        Assert.True(string.CompareOrdinal(newer.SortKeyOf(), older.SortKeyOf()) < 0);
    }

    /// <summary>
    /// A converted call's grading is the answerer's, not the converting counsellor's (round-35 re-check: a coordinator's LOW
    /// call about "想自杀" was read as the counsellor's own grading, which stands against crisis words).
    /// </summary>
    [Fact]
    public void Report_the_answerers_grading_as_theirs_when_a_counsellor_converts_the_call()
    {
        var (call, _) = Logged();

        var concern = call.Concern("stu-1", "class-8-1");

        Assert.Equal(Answerer.Subject, concern.GradedBy);
        Assert.False(concern.GradedByReporter(Counsellor));
        Assert.True(concern.GradedByReporter(Answerer));
    }

    private static CareGridException Refused(Action action) => Assert.Throws<CareGridException>(action);

    private static CareGridException Refused<T>(Func<T> action) => Assert.Throws<CareGridException>(() => action());
}
