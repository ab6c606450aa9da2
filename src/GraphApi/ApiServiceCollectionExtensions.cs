using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Configuration;
using CareGrid.GraphApi.Exports;
using CareGrid.GraphApi.Hardening;
using CareGrid.GraphApi.Http;
using CareGrid.GraphApi.Resilience;
using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Errors;
using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CareGrid.GraphApi;

/// <summary>Wiring of the GraphQL API (eShop-style <c>Add…</c>/<c>Map…</c> extension methods).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds authentication (<c>Auth</c> section), tenant resolution, the schema, CareGrid's error shaping
    /// the tenant admission step that runs before every execution, the audit of refused requests
    /// (<see cref="Audit.RefusalAudit"/>), the parsed-document cache (<see cref="DocumentCache"/>), and the document
    /// validator that applies the query limits before any other rule (<see cref="LimitsFirstDocumentValidator"/>).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's configuration (sections <c>Auth</c>, <c>GraphQL:Limits</c>, <c>GraphQL:Http</c>, <c>RateLimits</c>).</param>
    /// <param name="introspectionByDefault">Whether introspection is allowed when <c>GraphQL:Limits:Introspection</c> is unset: the host
    /// passes true on the embedded default (<c>Storage:Provider=Memory</c>) and in the Development environment.</param>
    public static IServiceCollection AddCareGridApi(this IServiceCollection services, IConfiguration configuration, bool introspectionByDefault)
    {
        services.TryAddKeyedSingleton(CareGrid.Grains.Hosting.DomainClock.Key, TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddCareGridAuthentication(configuration);
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<Audit.AuditTrail>();
        // The export route admits and audits refusals with the same instances' logic as GraphQL (docs/statistics.md "Exports").
        services.AddSingleton<TenantAdmission>();
        services.AddSingleton<Audit.RefusalAudit>();
        services.AddSingleton<IExportSource, StatisticsExportSource>();
        services.AddSingleton<IExportSource, OverdueBoardExportSource>();
        services.AddSingleton<IExportSource, ActivityPlanExportSource>(); // docs/activities.md
        services.AddSingleton<IExportSource, HazardLedgerExportSource>();
        // The schema's validation rule needs the limits while the host is built; the same validator stops the host at start.
        var limits = ValidatedOptions.BindOrDefaults(configuration, GraphQLLimitsOptions.Section, new GraphQLLimitsOptionsValidator());
        services.AddValidatedOptions<GraphQLLimitsOptions, GraphQLLimitsOptionsValidator>(GraphQLLimitsOptions.Section);
        services.AddSingleton(limits);
        var introspection = limits.Introspection ?? introspectionByDefault;
        services.AddCareGridRateLimiting();
        services.AddGraphQLHttp();
        services.AddSchemaFeatures();
        Subscriptions.GraphQLWsEndpoint.AddCareGridSubscriptions(services); // docs/subscriptions.md

        services.AddGraphQL(b => b
            .AddSchema<CareGridSchema>()
            .AddGraphTypes(typeof(CareGridSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider(new CareGridErrorInfoProvider())
            .ConfigureExecution<ClusterFaultAdmission>()
            .ConfigureExecution<Audit.RefusalAudit>()
            .ConfigureExecution<TenantAdmission>()
            .ConfigureExecution<DocumentCache>()
            .AddExecutionStrategy<SubscriptionExecutionStrategy>(GraphQLParser.AST.OperationType.Subscription)
            .AddValidationRule(new QueryLimitsValidationRule(limits, introspection))
            .AddUnhandledExceptionHandler(ctx => HandleUnhandledException(ctx, limits)));

        // The query limits run first and alone refuse a document, before GraphQL for .NET's own (partly super-linear) rules.
        services.Replace(ServiceDescriptor.Singleton<GraphQL.Validation.IDocumentValidator, LimitsFirstDocumentValidator>());
        return services;
    }

    /// <summary>
    /// Shapes an exception thrown during execution: a domain error keeps its code (and is noted for the refusal audit), the
    /// parser's depth guard becomes <c>QUERY_TOO_DEEP</c>, a transient cluster fault <c>UNAVAILABLE</c>; anything else is logged.
    /// </summary>
    private static void HandleUnhandledException(UnhandledExceptionContext ctx, GraphQLLimitsOptions limits)
    {
        if (ctx.OriginalException is CareGridException domain)
        {
            Audit.RefusalNotes.Note(ctx.FieldContext, domain);
            ctx.Exception = new CareGridExecutionError(domain);
            return;
        }

        if (ctx.OriginalException is GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
        {
            ctx.Exception = new CareGridExecutionError(new CareGridException(TransportErrorCodes.QueryTooDeep,
                $"The document nests deeper than the parser allows; the query depth limit is {limits.MaxDepth}."));
            return;
        }

        var logger = ctx.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("CareGrid.GraphQL");
        if (ClusterFaults.IsTransient(ctx.OriginalException))
        {
            // A silo lost during fail-over, a call timeout, storage out of reach: retryable, not a server bug.
            logger?.LogWarning(ctx.OriginalException, "Transient cluster fault in GraphQL execution; answered UNAVAILABLE");
            ctx.Exception = new CareGridExecutionError(ClusterFaults.Unavailable());
            return;
        }

        logger?.LogError(ctx.OriginalException, "Unhandled error in GraphQL execution");
    }

    /// <summary>
    /// Maps the GraphQL endpoint at <c>/graphql</c> (platform scope, or tenant by header/claim) and <c>/t/{tenant}/graphql</c>,
    /// the export route <c>/t/{tenant}/exports/{name}.{csv|xlsx}</c> (docs/statistics.md "Exports") and the public
    /// worry-mailbox route <c>/t/{tenant}/worry-mailbox/{post|read|reply}</c> (docs/mailbox.md).
    /// </summary>
    public static IEndpointRouteBuilder MapCareGridApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGraphQLHttp("/graphql");
        endpoints.MapGraphQLHttp("/t/{tenant}/graphql");
        endpoints.MapCareGridExports();
        Mailbox.WorryMailboxRoute.Map(endpoints);
        return endpoints;
    }
}
