using CareGrid.Grains.Statistics.RollUp;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>StatisticsRollUp</c>: a parent tenant's suppressed roll-up of its sharing descendants (docs/statistics.md "Roll-up").</summary>
public sealed class StatisticsRollUpType : ObjectGraphType<RollUpReport>
{
    /// <summary>Defines the fields.</summary>
    public StatisticsRollUpType()
    {
        Name = "StatisticsRollUp";
        Description = "The statistics of the descendant tenants that share them with this tenant: counts only, every count under "
            + $"{RollUpSuppression.Threshold} and every count it could be derived from withheld (docs/statistics.md \"Roll-up\").";
        Field<NonNullGraphType<DateOnlyGraphType>>("from").Description("First day (a Monday) of the weeks the flow figures cover.").Resolve(ctx => ctx.Source.Period.From);
        Field<NonNullGraphType<DateOnlyGraphType>>("to").Description("Last day (a Sunday) of the weeks the flow figures cover.").Resolve(ctx => ctx.Source.Period.To);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("asOf").Description("The instant the snapshot figures describe (UTC).").Resolve(ctx => ctx.Source.AsOf);
        Field<NonNullGraphType<IntGraphType>>("threshold").Description("The smallest count published; smaller ones (zeros too) are withheld.").Resolve(_ => RollUpSuppression.Threshold);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsRollUpTenantType>>>>("tenants")
            .Description("The descendant tenants covered (each shares, and so does every tenant between it and this one); empty when none does.")
            .Resolve(ctx => ctx.Source.Tenants);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsTableType>>>>("tables")
            .Description("A table per figure family: a row per covered tenant (name, kind, a count per category, the row total) and the total row; withheld cells say suppressed.")
            .Resolve(ctx => ctx.Source.Tables);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsRollUpNotCoveredType>>>>("notCovered")
            .Description("The descendant tenants (not deleted) whose statistics this roll-up leaves out, each with why: it does not share "
                + "(setStatisticsSharing off, or not active) or a tenant between it and this one does not. Names only, never a count; children "
                + "before grandchildren; empty when every descendant is covered.")
            .Resolve(ctx => ctx.Source.NotCovered);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>StatisticsRollUpTenant</c>: a covered tenant, its id, name and kind.</summary>
public sealed class StatisticsRollUpTenantType : ObjectGraphType<RollUpTenant>
{
    /// <summary>Defines the fields.</summary>
    public StatisticsRollUpTenantType()
    {
        Name = "StatisticsRollUpTenant";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The tenant id.");
        Field(x => x.Name).Description("The tenant's name.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<TenantKind>>)).Description("District, Town or School.");
        this.ReachedThroughParent();
    }
}

/// <summary>
/// GraphQL <c>StatisticsRollUpNotCovered</c>: a descendant tenant the roll-up leaves out — id, name, kind and why, never a count
/// the district supervises, so it must see whose figures are missing). Reached only through <c>statisticsRollUp</c>.
/// </summary>
public sealed class StatisticsRollUpNotCoveredType : ObjectGraphType<RollUpNotCovered>
{
    /// <summary>Defines the fields.</summary>
    public StatisticsRollUpNotCoveredType()
    {
        Name = "StatisticsRollUpNotCovered";
        Description = "A descendant tenant whose statistics the roll-up leaves out, and why; never a count of its own.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The tenant id.");
        Field(x => x.Name).Description("The tenant's name.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<TenantKind>>)).Description("District, Town or School.");
        Field(x => x.Reason, type: typeof(NonNullGraphType<StatisticsRollUpGapType>))
            .Description("TENANT_NOT_SHARING: the tenant does not share (or is not active); TENANT_BETWEEN_NOT_SHARING: it shares, but a tenant between it and this one does not.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>StatisticsRollUpGap</c>: why a descendant tenant is not in the roll-up (<see cref="RollUpGap"/>).</summary>
public sealed class StatisticsRollUpGapType : EnumerationGraphType<RollUpGap>
{
    /// <summary>Names the enum: TENANT_NOT_SHARING, TENANT_BETWEEN_NOT_SHARING.</summary>
    public StatisticsRollUpGapType()
    {
        Name = "StatisticsRollUpGap";
        Description = "Why a descendant tenant is not in the roll-up: it does not share its statistics, or a tenant between it and the parent does not.";
    }
}
