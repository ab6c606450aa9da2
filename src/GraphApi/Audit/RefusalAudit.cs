using System.Security.Claims;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CareGrid.GraphApi.Audit;

/// <summary>
/// Wraps every GraphQL execution (after cluster-fault admission, before tenant admission) and writes one DENIED
/// audit record for each request that was refused anywhere — at admission (another tenant's token, unknown or
/// suspended tenant, invalid token) or in a field (role, need-to-know, tenant scope, a failed break-the-glass) —
/// in the log of the tenant the request targeted, or the platform's log when that tenant does not exist
/// (docs/audit-refusals.md). One record per request, however many fields or aliases were refused, so a
/// refused request costs one record and the log grows no faster than the rate limiter admits requests.
/// </summary>
/// <remarks>
/// The answer is never changed: the caller sees the same errors as without auditing. The record is written before
/// the answer is sent; if it cannot be written the failure is logged at Error and the refusal still goes out (it
/// carries no data, so there is nothing to hold back).
/// </remarks>
public sealed partial class RefusalAudit(IHttpContextAccessor http, TenantDirectory directory, AuditTrail trail, ILogger<RefusalAudit> logger)
    : IConfigureExecution
{
    private static readonly RouteTenantStrategy Route = new();
    private static readonly HeaderTenantStrategy Header = new();
    private static readonly ClaimTenantStrategy Claim = new();

    /// <summary>Runs inside <see cref="Resilience.ClusterFaultAdmission"/> (0) and around <see cref="TenantAdmission"/> (10).</summary>
    public float SortOrder => 5;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options).ConfigureAwait(false);
        var refusal = FirstRefusal(result);
        var notes = RefusalNotes.Of(options.UserContext as CareGridUserContext);
        if (refusal is null && notes is null)
        {
            return result;
        }

        try
        {
            var (log, entry) = await DescribeAsync(options, refusal, notes).ConfigureAwait(false);
            await trail.RecordAsync(log, entry).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotRecorded(logger, ex);
        }

        return result;
    }

    /// <summary>
    /// The first error that refuses, judged by the code the caller got (<see cref="RefusalNotes.CallerCode"/>,
    /// <see cref="RefusalNotes.IsRefusal"/>; TENANT_NOT_FOUND only from admission).
    /// </summary>
    private static ExecutionError? FirstRefusal(ExecutionResult result)
    {
        foreach (var error in result.Errors ?? [])
        {
            var code = RefusalNotes.CallerCode(error);
            if (RefusalNotes.IsRefusal(code) && (code != Grains.Errors.ErrorCodes.TenantNotFound || !result.Executed))
            {
                return error;
            }
        }

        return null;
    }

    private async Task<(string Log, AuditEntry Entry)> DescribeAsync(ExecutionOptions options, ExecutionError? refusal, RefusalNotes? notes)
    {
        var caller = options.UserContext as CareGridUserContext;
        var kept = notes?.Kept ?? [];
        var first = kept.Count > 0 ? kept[0] : null;
        var fields = kept.Count > 0 ? kept.Select(k => k.Field).Distinct(StringComparer.Ordinal).ToList() : RootFields(options);
        if (notes?.Dropped is > 0 and var dropped)
        {
            fields.Add($"+{dropped} more");
        }

        if (options.OperationName is { Length: > 0 } operation && RefusalNotes.IsName(operation))
        {
            fields.Add("operation:" + RefusalNotes.Clip(operation));
        }

        var refused = first ?? new RefusedField(fields.Count > 0 ? fields[0] : "request", "Tenant", "", RefusalNotes.CallerCode(refusal!),
            RefusalNotes.AuditMessage(refusal!));
        return await DescribeAsync(caller?.User ?? options.User, caller, refused, first is null, fields).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the one DENIED record of a request refused outside GraphQL execution by a route that mirrors a field (the
    /// export route, docs/statistics.md "Exports"), built exactly as for a refused GraphQL request: the target tenant's
    /// log (else the platform's), the caller's tenant, roles and subject, how the tenant was named, the code and message.
    /// A failure to record is logged at Error; the refusal still goes out.
    /// </summary>
    /// <param name="caller">The admitted caller, or null when admission itself refused.</param>
    /// <param name="refused">The refused field (its name, entity, code and message); an empty entity id names the target tenant.</param>
    /// <param name="fields">The fields of the record (the field and what the request asked for).</param>
    public async Task RecordAsync(CareGridUserContext? caller, RefusedField refused, List<string> fields)
    {
        try
        {
            var (log, entry) = await DescribeAsync(caller?.User, caller, refused, refused.EntityId.Length == 0, fields).ConfigureAwait(false);
            await trail.RecordAsync(log, entry).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotRecorded(logger, ex);
        }
    }

    private async Task<(string Log, AuditEntry Entry)> DescribeAsync(ClaimsPrincipal? principal, CareGridUserContext? caller, RefusedField refused,
        bool entityIsTarget, List<string> fields)
    {
        var context = http.HttpContext;
        var user = principal ?? context?.User ?? new ClaimsPrincipal();
        var authenticated = user.Identity?.IsAuthenticated == true;
        var (target, via) = Target(context, caller);
        var log = await LogOfAsync(target).ConfigureAwait(false);
        var roles = user.FindAll(ClaimNames.Role).Select(c => Roles.Normalize(c.Value)).OfType<string>().Distinct(StringComparer.Ordinal);
        var facts = new AuditRefusal(
            refused.Code,
            authenticated ? user.FindFirst(ClaimNames.Tenant)?.Value : null,
            authenticated ? string.Join(",", roles) : "",
            via,
            context?.Connection.RemoteIpAddress?.ToString());
        var message = refused.Message;
        var entry = new AuditEntry(
            authenticated && user.FindFirst(ClaimNames.Subject)?.Value is { } subject ? subject : "anonymous",
            AuditTrail.Denied,
            refused.EntityType,
            entityIsTarget ? RefusalNotes.Clip(target ?? "") : refused.EntityId,
            fields,
            refused.Field,
            caller?.CorrelationId ?? TenantAdmission.CorrelationIdOf(context),
            message.Length > 500 ? message[..500] + "…" : message,
            facts);
        return (log, entry);
    }

    /// <summary>The tenant the request named and how: route, X-Tenant header, the token's claim, or none.</summary>
    private static (string? Tenant, string Via) Target(HttpContext? context, CareGridUserContext? caller)
    {
        if (context is null)
        {
            return (caller?.Tenant?.Id, "none");
        }

        if (Route.Resolve(context) is { } route)
        {
            return (route, "route:" + RefusalNotes.Clip(context.Request.Path.Value ?? ""));
        }

        if (Header.Resolve(context) is { } header)
        {
            return (header, $"header:{HeaderTenantStrategy.HeaderName}={RefusalNotes.Clip(header)}");
        }

        return Claim.Resolve(context) is { } claim ? (claim, "claim") : (null, "none");
    }

    /// <summary>The target's own log when it exists (active or suspended); the platform's log otherwise.</summary>
    private async Task<string> LogOfAsync(string? target)
    {
        if (target is null || !TenantIds.IsValid(target) || TenantIds.Reserved.Contains(target))
        {
            return TenantIds.Platform;
        }

        // Admission looked this tenant up a moment ago: the directory answers from its cache.
        var tenant = await directory.FindAsync(target).ConfigureAwait(false);
        return tenant is { Status: TenantStatus.Active or TenantStatus.Suspended } ? target : TenantIds.Platform;
    }

    /// <summary>Longest query text parsed again to name the root fields of a refused request that noted none.</summary>
    private const int MaxReparsedQueryLength = 8192;

    /// <summary>
    /// The root field names of the selected operation (at most <see cref="RefusalNotes.MaxKept"/>), for refusals before
    /// execution — only names the schema defines on the operation's root type (or <c>__schema</c>, <c>__type</c>,
    /// <c>__typename</c>): a name the caller made up is text from the document and is not kept (round 16 red team F4).
    /// </summary>
    private static List<string> RootFields(ExecutionOptions options)
    {
        // Parsed again only when small: a refused 200 KB document must not cost a second parse for its audit record
        // (docs/query-limits.md: a refusal stays cheap); its record then names no root fields.
        var document = options.Document;
        if (document is null && options.Query is { Length: > 0 and <= MaxReparsedQueryLength } query)
        {
            try
            {
                document = GraphQLParser.Parser.Parse(query);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return [];
            }
        }

        var operation = document?.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => options.OperationName is null || o.Name?.StringValue == options.OperationName);
        if (operation is null)
        {
            return [];
        }

        var root = operation.Operation switch
        {
            OperationType.Mutation => options.Schema?.Mutation,
            OperationType.Subscription => options.Schema?.Subscription,
            _ => options.Schema?.Query,
        };
        return operation.SelectionSet.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue)
            .Where(name => name is "__schema" or "__type" or "__typename" || root?.GetField(name) is not null)
            .Distinct(StringComparer.Ordinal).Take(RefusalNotes.MaxKept).ToList();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A refused GraphQL request could not be recorded in the audit log.")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);
}
