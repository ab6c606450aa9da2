using CareGrid.Grains.Aid;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain.Aid;

/// <summary>Material-aid requests of a case without a silo (R-1.8, R-2.2; docs/aid.md): the lifecycle, roles, consent and the bound.</summary>
[Trait("tier", "domain")]
public sealed class CaseAidShould
{
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 3, 0, 0, TimeSpan.Zero);
    private static readonly Actor Grid = new("grid@town", [Roles.Caseworker]);

    private static CaseAid Aid(CaseAidState state) => new(state, "case-1", Now);

    [Fact]
    public void Walk_proposed_sent_provided_and_proposed_sent_declined()
    {
        var state = new CaseAidState();
        var a = Aid(state).Propose("civil-affairs", "  Winter heating subsidy ", CaseStatus.Active, Grid);
        Assert.Equal(("aid-1", AidStatus.Proposed, "Winter heating subsidy", "grid@town"), (a.Id, a.Status, a.Need, a.ProposedBy));
        Assert.Equal(AidStatus.Sent, Aid(state).Send("aid-1", ConsentStatus.Granted, Grid).Status);
        var provided = Aid(state).Answer("aid-1", provided: true, "granted 800 yuan", Grid);
        Assert.Equal((AidStatus.Provided, "granted 800 yuan", (DateTimeOffset?)Now), (provided.Status, provided.Note, provided.AnsweredAt));

        Aid(state).Propose("civil-affairs", "School fees", CaseStatus.FollowUp, Grid);
        Aid(state).Send("aid-2", ConsentStatus.Granted, Grid);
        Assert.Equal(AidStatus.Declined, Aid(state).Answer("aid-2", provided: false, null, Grid).Status);
        Assert.Equal(["aid-1", "aid-2"], state.Requests.Select(r => r.Id));
    }

    [Fact]
    public void Refuse_steps_out_of_order_with_INVALID_TRANSITION_and_change_nothing()
    {
        var state = new CaseAidState();
        Aid(state).Propose("civil-affairs", "Food", CaseStatus.Active, Grid);
        var early = Assert.Throws<CareGridException>(() => Aid(state).Answer("aid-1", true, null, Grid));
        Assert.Equal((ErrorCodes.InvalidTransition, "PROPOSED", "sendAidRequest"), (early.Code, early.Details["state"], early.Details["permittedTriggers"]));
        Aid(state).Send("aid-1", ConsentStatus.Granted, Grid);
        Aid(state).Answer("aid-1", false, null, Grid);
        var late = Assert.Throws<CareGridException>(() => Aid(state).Send("aid-1", ConsentStatus.Granted, Grid));
        Assert.Equal((ErrorCodes.InvalidTransition, "DECLINED"), (late.Code, late.Details["state"]));
        Assert.Equal(AidStatus.Declined, Assert.Single(state.Requests).Status);
    }

    [Theory]
    [InlineData(ConsentStatus.Pending)]
    [InlineData(ConsentStatus.Refused)]
    [InlineData(ConsentStatus.Withdrawn)]
    public void Send_only_with_information_sharing_consent(ConsentStatus consent)
    {
        var state = new CaseAidState();
        Aid(state).Propose("civil-affairs", "Food", CaseStatus.Active, Grid);
        var refused = Assert.Throws<CareGridException>(() => Aid(state).Send("aid-1", consent, Grid));
        Assert.Equal((ErrorCodes.ConsentRequired, "INFORMATION_SHARING"), (refused.Code, refused.Details["purpose"]));
        Assert.Equal(AidStatus.Proposed, Assert.Single(state.Requests).Status);
    }

    [Fact]
    public void Refuse_roles_closed_cases_empty_needs_and_unknown_ids()
    {
        var state = new CaseAidState();
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CareGridException>(() => Aid(state).Propose("ca", "Food", CaseStatus.Active, new Actor("boss", [Roles.Supervisor]))).Code);
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CareGridException>(() => Aid(state).Propose("ca", "Food", CaseStatus.Closed, Grid)).Code);
        var blank = Assert.Throws<CareGridException>(() => Aid(state).Propose("ca", "   ", CaseStatus.Active, Grid));
        Assert.Equal((ErrorCodes.ValidationFailed, "need"), (blank.Code, blank.Details["field"]));
        Assert.Equal(ErrorCodes.ValidationFailed, Assert.Throws<CareGridException>(() => Aid(state).Propose("ca", new string('x', 2001), CaseStatus.Active, Grid)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(() => Aid(state).Send("aid-9", ConsentStatus.Granted, Grid)).Code);
        Assert.Empty(state.Requests);
        Assert.Equal(0, state.Sequence);
    }

    [Fact]
    public void Hold_at_most_fifty_requests_per_case_with_AID_REQUEST_LIMIT()
    {
        var state = new CaseAidState();
        for (var i = 0; i < CaseAid.MaxRequestsPerCase; i++)
        {
            Aid(state).Propose("ca", $"Need {i}", CaseStatus.Active, Grid);
        }

        var full = Assert.Throws<CareGridException>(() => Aid(state).Propose("ca", "one more", CaseStatus.Active, Grid));
        Assert.Equal((ErrorCodes.AidRequestLimit, "50"), (full.Code, full.Details["limit"]));
        Assert.Equal(50, state.Requests.Count);
    }

    [Fact]
    public void Count_each_status_reached_per_provider()
    {
        var counts = new AidProviderCounts("ca", 0, 0, 0, 0).Plus(AidStatus.Proposed).Plus(AidStatus.Proposed).Plus(AidStatus.Sent).Plus(AidStatus.Provided);
        Assert.Equal(new AidProviderCounts("ca", 2, 1, 1, 0), counts);
        Assert.Equal(1, counts.Plus(AidStatus.Declined).Declined);
    }
}
