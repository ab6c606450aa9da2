using CareGrid.Grains.Errors;
using CareGrid.Grains.Exports;
using CareGrid.GraphApi.Audit;
using CareGrid.GraphApi.Resilience;
using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.GraphApi.Exports;

/// <summary>Maps the export route.</summary>
public static class ExportEndpointExtensions
{
    /// <summary>The route pattern: <c>/t/{tenant}/exports/{name}.{format}</c>.</summary>
    public const string Pattern = "/t/{tenant}/exports/{name}.{format}";

    /// <summary>Maps <c>GET /t/{tenant}/exports/{name}.{csv|xlsx}</c> to <see cref="ExportEndpoint"/> (docs/statistics.md "Exports").</summary>
    public static IEndpointConventionBuilder MapCareGridExports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Pattern, (RequestDelegate)ExportEndpoint.HandleAsync).WithDisplayName("Exports " + Pattern);
}

/// <summary>
/// Serves an export as a download, governed by the GraphQL root field it mirrors (docs/statistics.md "Exports"): the
/// request is admitted exactly as a GraphQL request (<see cref="TenantAdmission.AdmitAsync"/>), the field's declared access
/// rule is checked by the one check of <see cref="FieldAccessMiddleware.Check"/>, and the field's declared READ record is
/// written (<see cref="AuditRecords.WriteReadAsync"/>) before the first byte; every refusal answers a JSON error with the
/// code GraphQL would give and the HTTP status of <see cref="Http.GraphQLRequestErrorStatus"/>, and leaves one DENIED
/// record (<see cref="RefusalAudit.RecordAsync"/>). The file then streams chunk by chunk (<see cref="PipeBodyStream"/>);
/// a failure after the first byte aborts the connection so a truncated file is never taken for a whole one.
/// </summary>
internal static partial class ExportEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var name = context.Request.RouteValues["name"] as string ?? "";
        var source = services.GetServices<IExportSource>().FirstOrDefault(s => s.Name == name);
        if (source is null || ExportFormats.FromExtension(context.Request.RouteValues["format"] as string ?? "") is not { } format)
        {
            await ExportErrors.WriteAsync(context.Response, new CareGridException(ErrorCodes.NotFound,
                $"There is no export '{name}' in that format. Exports: {string.Join(", ", services.GetServices<IExportSource>().Select(s => s.Name + ".csv|.xlsx"))}."),
                StatusCodes.Status404NotFound);
            return;
        }

        var field = MirroredField(services, source);
        var fields = AuditFields(context, source, format);
        CareGridUserContext? caller = null;
        try
        {
            var (admitted, refusal) = await services.GetRequiredService<TenantAdmission>().AdmitAsync(context, context.User);
            caller = admitted ?? throw refusal!;
            FieldAccessMiddleware.Check(field, caller);
            var request = new ExportRequest(caller, context.Request.Query, ExportLanguages.Parse(Single(context, "language")), services);
            RefuseUnknownParameters(context.Request.Query, source);
            var document = await source.OpenAsync(request, context.RequestAborted);
            await AuditRecords.WriteReadAsync(services.GetRequiredService<AuditTrail>(), field, caller, document.AuditedId, fields);
            await StreamAsync(context, format, request, document);
        }
        catch (CareGridException refused) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, caller, field, refused, fields);
        }
        catch (Exception ex) when (ClusterFaults.IsTransient(ex) && !context.Response.HasStarted)
        {
            LogFailed(Logger(context), ex);
            await ExportErrors.WriteAsync(context.Response, ClusterFaults.Unavailable());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex)
        {
            LogFailed(Logger(context), ex);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            await ExportErrors.WriteAsync(context.Response, new CareGridException(ErrorCodes.Internal, "An unexpected error occurred."));
        }
    }

    /// <summary>The root query field <paramref name="source"/> mirrors, from the built schema.</summary>
    private static FieldType MirroredField(IServiceProvider services, IExportSource source)
    {
        var schema = services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.Query.GetField(source.Field)
            ?? throw new InvalidOperationException($"Export '{source.Name}' mirrors '{source.Field}', which is not a root query field.");
    }

    private static async Task StreamAsync(HttpContext context, ExportFormat format, ExportRequest request, ExportDocument document)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType();
        response.Headers.ContentDisposition = ContentDisposition.Attachment(
            $"{document.FileName}.{format.Extension()}", $"{document.AsciiFileName}.{format.Extension()}");
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var body = new PipeBodyStream(response.BodyWriter);
        await format.Writer().WriteAsync(document.Tables, body, request.Labels, context.RequestAborted);
        await response.BodyWriter.CompleteAsync();
    }

    private static async Task RefuseAsync(HttpContext context, CareGridUserContext? caller, FieldType field, CareGridException refused, List<string> fields)
    {
        var entityType = field.AuditRule() is { Entity.Length: > 0 } rule ? rule.Entity : "Tenant";
        var entityId = refused.Details.TryGetValue("id", out var id) ? id : "";
        await context.RequestServices.GetRequiredService<RefusalAudit>().RecordAsync(caller,
            new RefusedField(field.Name, entityType, RefusalNotes.Clip(entityId), refused.Code, refused.Message), fields);
        await ExportErrors.WriteAsync(context.Response, refused);
    }

    /// <summary>The fields of the READ or DENIED record: the export and the parameter names the request gave.</summary>
    private static List<string> AuditFields(HttpContext context, IExportSource source, ExportFormat format) =>
        [$"export:{source.Name}.{format.Extension()}", .. context.Request.Query.Keys.Order(StringComparer.Ordinal).Take(RefusalNotes.MaxKept).Select(RefusalNotes.Clip)];

    private static void RefuseUnknownParameters(IQueryCollection query, IExportSource source)
    {
        foreach (var key in query.Keys)
        {
            if (key != "language" && !source.Parameters.Contains(key, StringComparer.Ordinal))
            {
                throw CareGridException.Validation(RefusalNotes.Clip(key),
                    $"Unknown query parameter '{RefusalNotes.Clip(key)}'; this export takes: language, {string.Join(", ", source.Parameters)}.");
            }
        }
    }

    private static string? Single(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values)
            ? values.Count == 1 ? values[0] : throw CareGridException.Validation(name, $"Give the query parameter '{name}' once.")
            : null;

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExportEndpoint).FullName!);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "An export failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
