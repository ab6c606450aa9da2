using System.Text.Json;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Mailbox;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Resilience;
using CareGrid.GraphApi.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.GraphApi.Mailbox;

/// <summary>
/// Serves the public worry-mailbox route (R-5.2, docs/mailbox.md): no token is asked for or read, nothing of the request
/// but the JSON properties is used, nothing about the request is logged or audited (an audit record would carry the exact
/// time and a correlation id that ties the writer's visits together). Answers are JSON: success, or
/// <c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c> with a 4xx status; a malformed, wrong or unknown claim code get
/// one and the same answer (404 <c>NOT_FOUND</c>); an unknown or inactive tenant gets 404 <c>NOT_FOUND</c> too.
/// </summary>
internal static partial class WorryMailboxEndpoint
{
    /// <summary>The actions: <c>post</c> (a new thread), <c>read</c> (with the code), <c>reply</c> (with the code).</summary>
    public static readonly IReadOnlyList<string> Actions = ["post", "read", "reply"];

    private static readonly Dictionary<string, IReadOnlyList<string>> Properties = new(StringComparer.Ordinal)
    {
        ["post"] = ["text"],
        ["read"] = ["claimCode"],
        ["reply"] = ["claimCode", "text", "contactMe"],
    };

    public static async Task HandleAsync(HttpContext context, string action)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        try
        {
            var tenantId = await AdmitAsync(context);
            var body = await WorryMailboxBody.ReadAsync(context.Request, Properties[action]);
            if (action != "post" && ClaimCodes.Parse(body.GetValueOrDefault("claimCode")) is null)
            {
                // A malformed code is answered as an unknown one before any tenant budget is drawn (docs/mailbox.md "Rate limits").
                await WriteViewAsync(response, null);
                return;
            }

            context.RequestServices.GetRequiredService<WorryMailboxTenantBudget>().Take(tenantId, action);
            var mailbox = new WorryMailbox(context.RequestServices.GetRequiredService<IGrainFactory>());
            await AnswerAsync(context, action, tenantId, mailbox, body);
        }
        catch (CareGridException refused) when (!response.HasStarted)
        {
            await WriteErrorAsync(response, refused);
        }
        catch (Exception ex) when (ClusterFaults.IsTransient(ex) && !response.HasStarted)
        {
            LogFailed(Logger(context), ex.GetType().Name);
            await WriteErrorAsync(response, ClusterFaults.Unavailable());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!response.HasStarted)
        {
            // Only the exception's type is logged: a message or stack could quote the request.
            LogFailed(Logger(context), ex.GetType().Name);
            await WriteErrorAsync(response, new CareGridException(ErrorCodes.Internal, "An unexpected error occurred; nothing was stored. Try again later."));
        }
    }

    private static async Task AnswerAsync(HttpContext context, string action, string tenantId, WorryMailbox mailbox, Dictionary<string, string?> body)
    {
        switch (action)
        {
            case "post":
                var code = await mailbox.PostAsync(tenantId, body.GetValueOrDefault("text"));
                await WriteAsync(context.Response, StatusCodes.Status201Created, json => WorryMailboxAnswers.Posted(json, code));
                break;
            case "read":
                await WriteViewAsync(context.Response, await mailbox.ReadAsync(tenantId, body.GetValueOrDefault("claimCode")));
                break;
            default:
                await WriteViewAsync(context.Response,
                    await mailbox.ReplyAsync(tenantId, body.GetValueOrDefault("claimCode"), body.GetValueOrDefault("text"), body.GetValueOrDefault("contactMe")));
                break;
        }
    }

    /// <summary>The tenant of the route when it exists and is Active, stamped on the request; else the one NOT_FOUND answer.</summary>
    private static async Task<string> AdmitAsync(HttpContext context)
    {
        var tenantId = context.Request.RouteValues["tenant"] as string;
        if (TenantIds.IsValid(tenantId)
            && await context.RequestServices.GetRequiredService<TenantDirectory>().FindAsync(tenantId!) is { Status: TenantStatus.Active })
        {
            TenantContext.Set(tenantId!);
            return tenantId!;
        }

        throw new CareGridException(ErrorCodes.NotFound, "There is no worry mailbox at this address. Check the school's link.");
    }

    private static Task WriteViewAsync(HttpResponse response, MailboxWriterView? view) => view is null
        ? WriteErrorAsync(response, new CareGridException(ErrorCodes.NotFound,
            "No thread matches this claim code. Check it letter by letter (dashes and case do not matter), or post a new message."))
        : WriteAsync(response, StatusCodes.Status200OK, json => WorryMailboxAnswers.Thread(json, view));

    private static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            write(json);
        }

        await response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpResponse response, CareGridException error) =>
        WriteAsync(response, WorryMailboxAnswers.StatusOf(error.Code), json => WorryMailboxAnswers.Error(json, error));

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorryMailboxEndpoint).FullName!);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A worry-mailbox request failed ({ExceptionType}).")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
