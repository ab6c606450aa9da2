using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Tenant</c>.</summary>
public sealed class TenantType : ObjectGraphType<TenantInfo>
{
    /// <summary>Defines the fields.</summary>
    public TenantType()
    {
        this.ReachedThroughParent();
        Name = "Tenant";
        Description = "A jurisdiction (district, town or school) running its own support plan.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Slug id, e.g. demo-school.");
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<TenantKind>>));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<TenantStatus>>));
        Field(x => x.ParentId, type: typeof(IdGraphType)).Description("Parent tenant id.");
        Field(x => x.TimeZone).Description("IANA time zone of the tenant's working-day calendar.");
        Field(x => x.CreatedAt);
        Field(x => x.UpdatedAt);
        Field(x => x.StatisticsSharing).Description("Whether the tenant shares its de-identified statistics with its parent tenant's statisticsRollUp (setStatisticsSharing; default false).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("adminSubjects")
            .Description("The sub of each TenantAdmin named at onboarding.")
            .Resolve(ctx => ctx.Source.Admins.Select(a => a.Subject).ToList());
    }
}
