using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Visits;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>SpecialGroupsEntry</c>: a person's entry in the special-groups ledger .</summary>
public sealed class SpecialGroupsEntryType : ObjectGraphType<SpecialGroupsEntry>
{
    /// <summary>Defines the fields.</summary>
    public SpecialGroupsEntryType()
    {
        this.ReachedThroughParent();
        Name = "SpecialGroupsEntry";
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.DisplayName).Description("The person's name when the entry was last set.");
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The person's unit when the entry was last set; the ledger lists it there.");
        Field(x => x.Groups, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<SpecialGroup>>>>));
        Field(x => x.HelpNote, nullable: true).Description("The targeted help.");
        Field(x => x.BasicSituation, nullable: true).Description("The basic situation (three knows, R-6.2).");
        Field(x => x.ReviewOn).Description("The next review day (tenant-local).");
        Field<NonNullGraphType<BooleanGraphType>>("reviewOverdue").Description("True when the review day has passed (the tenant's today).")
            .ResolveAsync(async ctx =>
            {
                var services = ctx.RequestServices!;
                var clock = services.GetRequiredKeyedService<TimeProvider>(DomainClock.Key);
                var settings = await services.GetRequiredService<IGrainFactory>().GetRef<ITenantGrain>(ctx.TenantCaller().Tenant.Id).GetSettings();
                return ctx.Source.IsOverdueOn(settings.Calendar.LocalDate(clock.GetUtcNow()));
            });
        Field(x => x.UpdatedBy);
        Field(x => x.UpdatedAt).Description("When it was last set (UTC).");
    }
}
