using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// One page of a tenant's worry-mailbox index (R-5.2, docs/mailbox.md "Storage"): the triage summaries (no text) of up to
/// <see cref="MailboxIndexGrain.PageSize"/> threads, so no grain's state grows without bound. Key:
/// <c>"{tenant}/wm-index-{page}"</c>. Page 0 also knows the last page and places new threads.
/// </summary>
public interface IMailboxIndexGrain : ITenantScopedGrain
{
    /// <summary>The grain key of page <paramref name="page"/> of <paramref name="tenantId"/>'s index.</summary>
    static string KeyOf(string tenantId, int page) => TenantIds.Key(tenantId, "wm-index-" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>On page 0: adds a new thread's summary to the last page with room (opening a new page when full); returns that page.</summary>
    Task<int> Register(MailboxThreadSummary summary);

    /// <summary>Adds the summary when this page has room; false when full.</summary>
    Task<bool> TryAdd(MailboxThreadSummary summary);

    /// <summary>Replaces the summary of its thread on this page (adds it if missing and there is room).</summary>
    Task Upsert(MailboxThreadSummary summary);

    /// <summary>This page's summaries.</summary>
    Task<IReadOnlyList<MailboxThreadSummary>> Entries();

    /// <summary>On page 0: the number of the last page (0 when one page).</summary>
    Task<int> LastPage();

    /// <summary>Erases this page (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>Persisted state of a <see cref="MailboxIndexGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.MailboxIndexState")]
public sealed class MailboxIndexState
{
    /// <summary>Summaries, in the order the threads were opened.</summary>
    [Id(0)] public List<MailboxThreadSummary> Entries { get; set; } = [];

    /// <summary>On page 0: the last page in use.</summary>
    [Id(1)] public int LastPage { get; set; }
}

/// <summary>A page of the worry-mailbox index (see <see cref="IMailboxIndexGrain"/>).</summary>
[GrainType("mailbox-index")]
public sealed class MailboxIndexGrain(
    [PersistentState("mailboxIndex", StorageNames.Default)] IPersistentState<MailboxIndexState> state) : Grain, IMailboxIndexGrain
{
    /// <summary>Summaries per page (about 100 bytes each: some 50 KB a page, docs/storage.md).</summary>
    public const int PageSize = 500;

    /// <inheritdoc />
    public async Task<int> Register(MailboxThreadSummary summary)
    {
        if (state.State.LastPage == 0 && await TryAdd(summary))
        {
            return 0;
        }

        var last = Math.Max(1, state.State.LastPage);
        if (!await Page(last).TryAdd(summary))
        {
            last++;
            await Page(last).TryAdd(summary);
        }

        if (last != state.State.LastPage)
        {
            state.State.LastPage = last;
            await state.CommitAsync();
        }

        return last;
    }

    /// <inheritdoc />
    public async Task<bool> TryAdd(MailboxThreadSummary summary)
    {
        if (state.State.Entries.Count >= PageSize)
        {
            return false;
        }

        state.State.Entries.Add(summary);
        await state.CommitAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task Upsert(MailboxThreadSummary summary)
    {
        var at = state.State.Entries.FindIndex(e => e.ThreadId == summary.ThreadId);
        if (at >= 0)
        {
            state.State.Entries[at] = summary;
            await state.CommitAsync();
        }
        else
        {
            await TryAdd(summary);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MailboxThreadSummary>> Entries() => Task.FromResult<IReadOnlyList<MailboxThreadSummary>>([.. state.State.Entries]);

    /// <inheritdoc />
    public Task<int> LastPage() => Task.FromResult(state.State.LastPage);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new MailboxIndexState();
        DeactivateOnIdle();
    }

    private IMailboxIndexGrain Page(int page) =>
        GrainFactory.GetGrain<IMailboxIndexGrain>(IMailboxIndexGrain.KeyOf(TenantIds.TenantOf(this.GetPrimaryKeyString()), page));
}
