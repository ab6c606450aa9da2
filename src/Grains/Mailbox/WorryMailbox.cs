using CareGrid.Grains.Errors;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// The worry mailbox of the tenants (R-5.2, docs/mailbox.md) over its grains: the writer's three steps (post, read,
/// write back) by claim code, the counsellors' queue, and the erasure at offboarding. The caller has stamped the
/// tenant on the request (<see cref="TenantContext"/>).
/// </summary>
/// <param name="grains">The grain factory.</param>
public sealed class WorryMailbox(IGrainFactory grains)
{
    /// <summary>The most threads one <see cref="QueueAsync"/> call returns.</summary>
    public const int MaxQueue = 200;

    /// <summary>Opens a thread with <paramref name="text"/> and returns its claim code (shown once, never stored).</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>text</c>), before any grain is touched.</exception>
    public async Task<ClaimCode> PostAsync(string tenantId, string? text)
    {
        MailboxLimits.Text(text);
        for (var attempt = 0; ; attempt++)
        {
            var code = ClaimCodes.Issue();
            try
            {
                await Thread(tenantId, code.Locator).Open(code.Secret, text);
                return code;
            }
            catch (CareGridException taken) when (taken.Code == ErrorCodes.AlreadyExists && attempt < 3)
            {
                // A 60-bit locator collided (practically never): draw another code.
            }
        }
    }

    /// <summary>The thread <paramref name="claimCode"/> opens, or null — the same null for a malformed, wrong or unknown code.</summary>
    public async Task<MailboxWriterView?> ReadAsync(string tenantId, string? claimCode) =>
        ClaimCodes.Parse(claimCode) is { } code ? await Thread(tenantId, code.Locator).ReadAsWriter(code.Secret) : null;

    /// <summary>The writer writes back (optionally "contact me, I am …"); null exactly as <see cref="ReadAsync"/>.</summary>
    public async Task<MailboxWriterView?> ReplyAsync(string tenantId, string? claimCode, string? text, string? contactMe) =>
        ClaimCodes.Parse(claimCode) is { } code ? await Thread(tenantId, code.Locator).ReplyAsWriter(code.Secret, text, contactMe) : null;

    /// <summary>
    /// The counsellors' queue: threads with <paramref name="status"/> (null: Open and Answered), urgent open threads first,
    /// then open ones, then answered, then closed; within each, the longest-waiting first (the writer's last day, then id).
    /// At most <paramref name="first"/> (1–<see cref="MaxQueue"/>).
    /// </summary>
    public async Task<IReadOnlyList<MailboxThreadSummary>> QueueAsync(string tenantId, MailboxThreadStatus? status, int first)
    {
        var all = new List<MailboxThreadSummary>();
        foreach (var page in await PagesAsync(tenantId))
        {
            all.AddRange((await page.Entries()).Where(s => s.Messages > 0 && (status is null ? s.Status != MailboxThreadStatus.Closed : s.Status == status)));
        }

        return [.. all.OrderBy(Rank).ThenBy(s => s.LastWriterOn).ThenBy(s => s.ThreadId, StringComparer.Ordinal).Take(Math.Clamp(first, 1, MaxQueue))];
    }

    /// <summary>The sort rank of a summary in the queue (lower first).</summary>
    public static int Rank(MailboxThreadSummary summary) => summary.Status switch
    {
        MailboxThreadStatus.Open when summary.Urgent => 0,
        MailboxThreadStatus.Open => 1,
        MailboxThreadStatus.Answered when summary.Urgent => 2,
        MailboxThreadStatus.Answered => 3,
        _ => 4,
    };

    /// <summary>Erases every thread and index page of the tenant (offboarding, <c>TenantPurge</c>).</summary>
    public async Task EraseAsync(string tenantId)
    {
        foreach (var page in await PagesAsync(tenantId))
        {
            foreach (var summary in await page.Entries())
            {
                await grains.GetGrain<IMailboxThreadGrain>(TenantIds.Key(tenantId, summary.ThreadId)).Purge();
            }

            await page.Purge();
        }
    }

    /// <summary>The grain of the thread with <paramref name="threadId"/> (<c>wm-…</c>).</summary>
    public IMailboxThreadGrain ThreadById(string tenantId, string threadId) => grains.GetGrain<IMailboxThreadGrain>(TenantIds.Key(tenantId, threadId));

    private IMailboxThreadGrain Thread(string tenantId, string locator) => ThreadById(tenantId, ClaimCodes.ThreadIdOf(locator));

    private async Task<List<IMailboxIndexGrain>> PagesAsync(string tenantId)
    {
        var head = grains.GetGrain<IMailboxIndexGrain>(IMailboxIndexGrain.KeyOf(tenantId, 0));
        var last = await head.LastPage();
        return [head, .. Enumerable.Range(1, last).Select(p => grains.GetGrain<IMailboxIndexGrain>(IMailboxIndexGrain.KeyOf(tenantId, p)))];
    }
}
