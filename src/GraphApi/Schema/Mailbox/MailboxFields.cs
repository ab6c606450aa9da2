using System.Text.RegularExpressions;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Mailbox;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The counsellors' side of the anonymous worry mailbox (R-5.2, docs/mailbox.md): the level-3 queue of threads (urgent
/// first), reading a thread, replying and closing. Level 3 (Counsellor, Clinician) of the tenant, tenant-wide like the
/// level-3 queue; reads and writes are audited with the counsellor as actor. The writer's side is the public route
/// (<see cref="Mailbox.WorryMailboxRoute"/>).
/// </summary>
public sealed partial class MailboxFields(IGrainFactory grains) : ISchemaContributor
{
    private const string QueueAudit = "triage summaries: status, urgent flag, days and counts; no message text or contact";

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MailboxThreadSummaryType>>>>("mailboxThreads")
            .Description("The worry-mailbox threads of the level-3 queue (R-5.2): urgent OPEN threads first, then OPEN, then ANSWERED, then CLOSED; the "
                + "longest-waiting first within each. status: one status only (default OPEN and ANSWERED). first: 1–200 (default 50). Counsellor, Clinician.")
            .Argument<EnumerationGraphType<MailboxThreadStatus>>("status")
            .Argument<IntGraphType>("first")
            .AllowTenantRoles(Roles.Level3, NeedToKnow.None).AuditsNothing(QueueAudit)
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                return await Mailbox().QueueAsync(tenant.Id, ctx.GetArgument<MailboxThreadStatus?>("status"), ctx.GetArgument<int?>("first") ?? 50);
            });

        query.Field<MailboxThreadType>("mailboxThread")
            .Description("One worry-mailbox thread with its messages and the writer's contactMe, if given (R-5.2); null when there is no such thread. Counsellor, Clinician.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The thread id (wm-…).")
            .AllowTenantRoles(Roles.Level3, NeedToKnow.None).AuditsRead("MailboxThread")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return ThreadId(ctx) is { } id ? await Mailbox().ThreadById(tenant.Id, id).Read(actor) : null;
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<MailboxThreadType>>("replyToMailboxThread")
            .Description("A counsellor's reply to a worry-mailbox thread; the writer reads it with their claim code (R-5.2). The thread becomes ANSWERED. "
                + "Errors: NOT_FOUND, VALIDATION_FAILED (text: 1–2000 characters), INVALID_TRANSITION (closed), MAILBOX_THREAD_FULL (40 messages). Counsellor, Clinician.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The thread id (wm-…).")
            .Argument<NonNullGraphType<StringGraphType>>("text", "The reply, 1–2000 characters.")
            .AllowTenantRoles(Roles.Level3, NeedToKnow.None).AuditsWrite("MailboxThread")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Mailbox().ThreadById(tenant.Id, RequiredThreadId(ctx)).Reply(actor, ctx.GetArgument<string>("text"));
            });

        mutation.Field<NonNullGraphType<MailboxThreadType>>("closeMailboxThread")
            .Description("Closes a worry-mailbox thread: the writer can still read it, nobody writes to it (R-5.2). Errors: NOT_FOUND, INVALID_TRANSITION (already closed). Counsellor, Clinician.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The thread id (wm-…).")
            .AllowTenantRoles(Roles.Level3, NeedToKnow.None).AuditsWrite("MailboxThread")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Mailbox().ThreadById(tenant.Id, RequiredThreadId(ctx)).Close(actor);
            });

        mutation.Field<NonNullGraphType<MailboxThreadType>>("convertMailboxThreadToConcern")
            .Description("Turns a worry-mailbox thread into a concern about personId, as reportConcern does (joins the person's open case or opens one, R-1.5; HIGH and "
                + "IMMINENT run the high-risk protocol, R-1.10) — only once the writer identified themself in a reply (contactMe, R-5.2). The concern carries the thread id "
                + "and the writer's contactMe, not the messages (docs/mailbox.md). caseId on the answer links the thread; converting again answers the first case, and about another person ALREADY_EXISTS (field personId). riskLevel: "
                + "default LOW; required when the thread is urgent. Errors: NOT_FOUND, MAILBOX_WRITER_NOT_IDENTIFIED, VALIDATION_FAILED (riskLevel), "
                + "FORBIDDEN (rule need-to-know: the person is outside your units), and those of reportConcern. Counsellor, Clinician.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The thread id (wm-…).")
            .Argument<NonNullGraphType<IdGraphType>>("personId", "The person the writer said they are (or an external id); must be in your units.")
            .Argument<EnumerationGraphType<RiskLevel>>("riskLevel", "Your grading; default LOW, required for an urgent thread.")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.Level3, NeedToKnow.Unit).AuditsWrite("MailboxThread")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var person = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await Mailbox().ThreadById(tenant.Id, RequiredThreadId(ctx)).ConvertToConcern(person, ctx.GetArgument<RiskLevel?>("riskLevel"), actor);
            });
    }

    private WorryMailbox Mailbox() => new(grains);

    /// <summary>The <c>id</c> argument when it has the shape of a thread id (<c>wm-</c> and 12 symbols), else null: no grain is touched for another shape.</summary>
    private static string? ThreadId(IResolveFieldContext ctx) =>
        ctx.GetArgument<string>("id") is { } id && ThreadIdPattern().IsMatch(id) ? id : null;

    private static string RequiredThreadId(IResolveFieldContext ctx) =>
        ThreadId(ctx) ?? throw CareGridException.NotFound("MailboxThread", Clip(ctx.GetArgument<string>("id") ?? ""));

    private static string Clip(string id) => id.Length > 64 ? id[..64] : id;

    [GeneratedRegex("^wm-[0-9a-hjkmnp-tv-z]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ThreadIdPattern();
}
