using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The schema's features, listed explicitly: each adds its root query and mutation fields (<see cref="ISchemaContributor"/>).
/// The root types call them in type-name order, so the served schema keeps a stable field order.
/// </summary>
public static class SchemaFeatures
{
    /// <summary>Registers every feature's contributor as a singleton.</summary>
    public static IServiceCollection AddSchemaFeatures(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaContributor, AppointmentFields>();
        services.AddSingleton<ISchemaContributor, AidFields>();
        services.AddSingleton<ISchemaContributor, ActivityFields>();
        services.AddSingleton<ISchemaContributor, AuditLogFields>();
        services.AddSingleton<ISchemaContributor, BreakTheGlassFields>();
        services.AddSingleton<ISchemaContributor, CallFields>();
        services.AddSingleton<ISchemaContributor, CaseLifecycleMutations>();
        services.AddSingleton<ISchemaContributor, CaseMutations>();
        services.AddSingleton<ISchemaContributor, CaseQueries>();
        services.AddSingleton<ISchemaContributor, CaseRoutingMutations>();
        services.AddSingleton<ISchemaContributor, CensusFields>();
        services.AddSingleton<ISchemaContributor, DataRightsFields>();
        services.AddSingleton<ISchemaContributor, DischargeMutations>();
        services.AddSingleton<ISchemaContributor, GroupCrisisFields>();
        services.AddSingleton<ISchemaContributor, ImportFields>();
        services.AddSingleton<ISchemaContributor, MailboxFields>();
        services.AddSingleton<ISchemaContributor, OrganizationsMutations>();
        services.AddSingleton<ISchemaContributor, OverdueBoardQueries>();
        services.AddSingleton<ISchemaContributor, OrganizationsQueries>();
        services.AddSingleton<ISchemaContributor, PeopleMutations>();
        services.AddSingleton<ISchemaContributor, PeopleQueries>();
        services.AddSingleton<ISchemaContributor, ProtocolSettingsMutations>();
        services.AddSingleton<ISchemaContributor, ReceiptQueries>();
        services.AddSingleton<ISchemaContributor, CrisisWordsQuery>();
        services.AddSingleton<ISchemaContributor, ReferralMutations>();
        services.AddSingleton<ISchemaContributor, StaffMutations>();
        services.AddSingleton<StatisticsPeopleReads>();
        services.AddSingleton<ISchemaContributor, StatisticsQueries>();
        services.AddSingleton<ISchemaContributor, StatisticsRollUpFields>();
        services.AddSingleton<ISchemaContributor, TaskMutations>();
        services.AddSingleton<ISchemaContributor, TenancyMutations>();
        services.AddSingleton<ISchemaContributor, TenancyQueries>();
        services.AddSingleton<ISchemaContributor, TrajectoryFields>();
        services.AddSingleton<ISchemaContributor, Fhir.FhirFields>(); // docs/fhir.md
        services.AddSingleton<ISchemaContributor, VisitsMutations>();
        services.AddSingleton<ISchemaContributor, VisitsQueries>();
        services.AddSingleton<ISchemaContributor, FamilyContactsFields>();
        services.AddSingleton<ISchemaContributor, SignInFields>(); // docs/console.md "Sign-in"
        services.AddSingleton<ISchemaContributor, WebhookFields>(); // docs/webhooks.md
        return services;
    }
}
