using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TimelinessStatistics</c> (docs/statistics.md "Timeliness"; ).</summary>
public sealed class TimelinessStatisticsType : ObjectGraphType<TimelinessFigures>
{
    /// <summary>Defines the fields.</summary>
    public TimelinessStatisticsType()
    {
        Name = "TimelinessStatistics";
        Description = "How fast and how completely the tenant responded over the period: counts and durations only (docs/statistics.md \"Timeliness\").";
        Field<NonNullGraphType<DurationStatisticsType>>("firstProfessionalContact")
            .Description("Report to the first contact logged or intervention started by a level-3 professional (Counsellor or Clinician), for cases reported in the period.")
            .Resolve(ctx => ctx.Source.FirstProfessionalContact);
        Field<NonNullGraphType<DurationStatisticsType>>("crisisIntervention")
            .Description("Risk rising to HIGH or IMMINENT to crisis intervention (its PROFESSIONAL_CRISIS_INTERVENTION task done, or startIntervention), for high-risk episodes that began in the period (R-1.10); an episode that ended without one (the next began) is not counted as waiting.")
            .Resolve(ctx => ctx.Source.CrisisIntervention);
        Field<NonNullGraphType<ProtocolStatisticsType>>("highRiskProtocol").Description("R-1.10 protocol outcomes of the high-risk episodes that began in the period.").Resolve(ctx => ctx.Source.Protocol);
        Field<NonNullGraphType<HandOverStatisticsType>>("dischargeHandOvers").Description("DISCHARGE_HAND_OVER tasks due in the period (R-2.4: within 5 working days).").Resolve(ctx => ctx.Source.DischargeHandOvers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReferralOutcomeCountType>>>>("referralsByOutcome")
            .Description("Referrals proposed in the period, by their status now (every status listed).").Resolve(ctx => ctx.Source.Referrals.ByOutcome);
        Field<NonNullGraphType<DurationStatisticsType>>("referralAcceptance")
            .Description("Referral sent to accepted, for referrals proposed in the period (waiting: sent, no answer yet).").Resolve(ctx => ctx.Source.Referrals.TimeToAcceptance);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceVolumeType>>>>("serviceVolume")
            .Description("Contacts and minutes logged in the period per provider unit (the case's unit when the contact was logged; R-1.12), by unit id.").Resolve(ctx => ctx.Source.ServiceVolume);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>DurationStatistics</c>.</summary>
public sealed class DurationStatisticsType : ObjectGraphType<DurationFigures>
{
    /// <summary>Defines the fields.</summary>
    public DurationStatisticsType()
    {
        Name = "DurationStatistics";
        Description = "A duration over cases: exact nearest-rank median and 90th percentile at minute resolution, in elapsed hours and in the tenant's working days (two decimals; null when nothing was measured).";
        Field(x => x.Measured).Description("Cases whose duration is known.");
        Field(x => x.Waiting).Description("Cases still waiting (not in the percentiles).");
        Field(x => x.MedianHours, nullable: true).Description("Median, hours.");
        Field("p90Hours", x => x.P90Hours, nullable: true).Description("90th percentile, hours.");
        Field(x => x.MedianWorkingDays, nullable: true).Description("Median, working days on the tenant's calendar.");
        Field("p90WorkingDays", x => x.P90WorkingDays, nullable: true).Description("90th percentile, working days.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>ProtocolStatistics</c>.</summary>
public sealed class ProtocolStatisticsType : ObjectGraphType<ProtocolFigures>
{
    /// <summary>Defines the fields.</summary>
    public ProtocolStatisticsType()
    {
        Name = "ProtocolStatistics";
        Description = "R-1.10 protocol outcomes of the high-risk episodes that began in the period: every episode of a case, an earlier one with the outcome it had when the next began.";
        Field(x => x.Episodes).Description("Episodes counted.");
        Field(x => x.Met).Description("Every protocol task done at or before its deadline.");
        Field(x => x.Missed).Description("Some task done or cancelled after its deadline, or open past it now.");
        Field(x => x.Cancelled).Description("None late or open, some cancelled before its deadline.");
        Field(x => x.Pending).Description("Some task open and not yet due, none late.");
        Field(x => x.MetShare, nullable: true).Description("met ÷ (met + missed + cancelled), 0–1; null when none is decided.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>HandOverStatistics</c>.</summary>
public sealed class HandOverStatisticsType : ObjectGraphType<HandOverFigures>
{
    /// <summary>Defines the fields.</summary>
    public HandOverStatisticsType()
    {
        Name = "HandOverStatistics";
        Description = "Discharge hand-overs (R-2.4) due in the period.";
        Field(x => x.DoneInTime).Description("Done at or before the deadline.");
        Field(x => x.DoneLate).Description("Done after it.");
        Field(x => x.Overdue).Description("Open past the deadline now.");
        Field(x => x.Open).Description("Open, not yet due.");
        Field(x => x.Cancelled).Description("Cancelled.");
        Field(x => x.InTimeShare, nullable: true).Description("doneInTime ÷ (doneInTime + doneLate + overdue), 0–1; null when none.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>ReferralOutcomeCount</c>.</summary>
public sealed class ReferralOutcomeCountType : ObjectGraphType<CountOf<ReferralStatus>>
{
    /// <summary>Defines the fields.</summary>
    public ReferralOutcomeCountType()
    {
        Name = "ReferralOutcomeCount";
        Field("status", x => x.Key, type: typeof(NonNullGraphType<EnumerationGraphType<ReferralStatus>>)).Description("The referral's status now.");
        Field(x => x.Count).Description("How many referrals.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>ServiceVolume</c>.</summary>
public sealed class ServiceVolumeType : ObjectGraphType<ServiceVolume>
{
    /// <summary>Defines the fields.</summary>
    public ServiceVolumeType()
    {
        Name = "ServiceVolume";
        Description = "Contacts logged for one provider unit (R-1.12).";
        Field<IdGraphType>("organizationId").Description("The unit's id, or null for cases without a unit.").Resolve(ctx => ctx.Source.OrganizationId);
        Field(x => x.Contacts).Description("Contacts logged.");
        Field(x => x.Minutes).Description("Their minutes.");
        this.ReachedThroughParent();
    }
}
