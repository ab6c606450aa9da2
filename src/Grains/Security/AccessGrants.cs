using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Security;

/// <summary>A break-the-glass grant: who may open the record outside need-to-know, until when, and why.</summary>
[GenerateSerializer, Alias("CareGrid.AccessGrant")]
public sealed record AccessGrant(
    [property: Id(0)] string Subject,
    [property: Id(1)] DateTimeOffset GrantedAt,
    [property: Id(2)] DateTimeOffset Until,
    [property: Id(3)] string Reason);

/// <summary>
/// Break-the-glass grants on one record (a case or a person). Key: <c>"{tenant}/grants/{EntityType}:{entityId}"</c>.
/// A grant expires on the domain clock; expired grants stay in the history.
/// </summary>
public interface IAccessGrantsGrain : ITenantScopedGrain
{
    /// <summary>The grain key of the grants on an entity.</summary>
    static string KeyOf(string tenantId, string entityType, string entityId) => TenantIds.Key(tenantId, $"grants/{entityType}:{entityId}");

    /// <summary>Grants <paramref name="subject"/> access for <paramref name="minutes"/> minutes (1–1440) with a reason (at most 1000 characters, weighing at least 10 in letters and digits (a CJK character 3), at least 4 different letters, see <see cref="WrittenReason"/>).</summary>
    Task<AccessGrant> Grant(string subject, string reason, int minutes);

    /// <summary>True when <paramref name="subject"/> holds an unexpired grant now.</summary>
    Task<bool> IsGranted(string subject);

    /// <summary>Every grant ever given on the record, oldest first.</summary>
    Task<IReadOnlyList<AccessGrant>> History();

    /// <summary>Erases the grants (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>Persisted state of an <see cref="AccessGrantsGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.AccessGrantsState")]
public sealed class AccessGrantsState
{
    /// <summary>Grants, oldest first.</summary>
    [Id(0)] public List<AccessGrant> Grants { get; set; } = [];
}

/// <summary>Break-the-glass grants on one record.</summary>
[GrainType("access-grants")]
public sealed class AccessGrantsGrain(
    [PersistentState("access-grants", StorageNames.Default)] IPersistentState<AccessGrantsState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IAccessGrantsGrain
{
    /// <inheritdoc />
    public async Task<AccessGrant> Grant(string subject, string reason, int minutes)
    {
        var why = CheckRequest(reason, minutes);
        var now = clock.GetUtcNow();
        var grant = new AccessGrant(subject, now, now.AddMinutes(minutes), why);
        state.State.Grants.RemoveAll(g => g.Subject == subject && g.Until > now); // a new grant replaces the subject's open one
        state.State.Grants.Add(grant);
        PruneExpired(state.State.Grants, now);
        await state.CommitAsync();
        return grant;
    }

    /// <summary>
    /// The checks of a break-the-glass request, changing nothing: a written reason (<see cref="WrittenReason.Ensure"/>) and
    /// 1–1440 minutes; <c>VALIDATION_FAILED</c> on <c>reason</c> or <c>minutes</c>. Returns the reason as stored. The API
    /// calls it before looking the id up, so a probe learns nothing of which ids exist (round-24 red team).
    /// </summary>
    public static string CheckRequest(string reason, int minutes)
    {
        var why = WrittenReason.Ensure(reason, "reason", "Breaking the glass");
        if (minutes is < 1 or > 1440)
        {
            throw CareGridException.Validation("minutes", "A break-the-glass grant lasts 1–1440 minutes.");
        }

        return why;
    }

    /// <summary>Expired grants kept in the grain's state; older expired ones are dropped (the audit log keeps every grant).</summary>
    public const int MaxExpiredKept = 100;

    /// <summary>
    /// Keeps the state bounded (docs/storage.md): at most one unexpired grant per subject (a new grant replaces the
    /// subject's open one), and only the newest <see cref="MaxExpiredKept"/> expired ones. Every grant is a
    /// BREAK_THE_GLASS audit record, so nothing is lost to an Auditor.
    /// </summary>
    private static void PruneExpired(List<AccessGrant> grants, DateTimeOffset now)
    {
        var expired = grants.Count(g => g.Until <= now);
        if (expired <= MaxExpiredKept)
        {
            return;
        }

        var drop = expired - MaxExpiredKept;
        grants.RemoveAll(g => g.Until <= now && drop-- > 0);
    }

    /// <inheritdoc />
    public Task<bool> IsGranted(string subject)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(state.State.Grants.Any(g => g.Subject == subject && g.Until > now));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AccessGrant>> History() => Task.FromResult<IReadOnlyList<AccessGrant>>([.. state.State.Grants]);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new AccessGrantsState();
        DeactivateOnIdle();
    }
}
