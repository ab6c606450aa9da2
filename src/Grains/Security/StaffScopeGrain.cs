using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Security;

/// <summary>
/// The index from a staff member's login <c>sub</c> to the units where they are a member (need-to-know by organization,
/// docs/access.md), so resolving a scope never scans the tenant. Key: <c>"{tenant}/staff:{sub}"</c> (<see cref="KeyOf"/>).
/// Maintained by the person grains whose <c>StaffSubject</c> is that sub, whenever their roles or their sub change.
/// </summary>
public interface IStaffScopeGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="subject"/>'s index in <paramref name="tenantId"/>.</summary>
    static string KeyOf(string tenantId, string subject) => TenantIds.Key(tenantId, "staff:" + subject);

    /// <summary>
    /// Records that person <paramref name="personId"/> (whose <c>StaffSubject</c> is this grain's sub) holds, in each unit of
    /// <paramref name="rolesByUnit"/> (key: local unit id), the template role codes listed (empty: a member of no unit, or the
    /// person no longer carries this sub). The roles decide whether a unit that serves its parent widens the scope (R-4.3,
    /// docs/access.md). Idempotent.
    /// </summary>
    Task SetMemberships(string personId, Dictionary<string, List<string>> rolesByUnit);

    /// <summary>
    /// Links this sub to person <paramref name="personId"/> before the person takes it (docs/staff-changes.md: one sub, one
    /// person). Returns null when the sub was free or is already this person's (it is theirs now), else the person id that
    /// holds it (nothing changed).
    /// </summary>
    Task<string?> Claim(string personId);

    /// <summary>Person <paramref name="personId"/> no longer carries this sub: forgets their units and frees the sub when it was theirs. Idempotent.</summary>
    Task Release(string personId);

    /// <summary>The units the sub's people are members of, distinct, ordinal order (empty when none).</summary>
    Task<IReadOnlyList<string>> Memberships();

    /// <summary>The local ids of the person records carrying this sub that are a member of some unit, ordinal order (empty when none).</summary>
    Task<IReadOnlyList<string>> People();

    /// <summary>
    /// The sub's scope: the units they are members of, expanded by <see cref="IOrganizationTreeGrain.Cover"/> (subtree, and
    /// what the template says each kind serves when the role held there is not front-line, R-4.3);
    /// <see cref="StaffScope.Unassigned"/> when they are a member of no unit.
    /// </summary>
    Task<StaffScope> Resolve();

    /// <summary>
    /// The units the sub may be named to work (<see cref="IOrganizationTreeGrain.CoverForWork"/>: <see cref="Resolve"/>, with a
    /// Volunteer role widening as far as its unit serves, plan 6); <see cref="StaffScope.Unassigned"/> when they are a member of no unit.
    /// </summary>
    Task<StaffScope> ResolveForWork();
}

/// <summary>Persisted state of a <see cref="StaffScopeGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.StaffScopeState")]
public sealed class StaffScopeState
{
    /// <summary>Per person id (the sub's person records; usually one): the local ids of the units they are a member of.</summary>
    [Id(0)] public Dictionary<string, List<string>> Memberships { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The person id that holds the sub (docs/staff-changes.md), or null when free (or not yet recorded: older state heals on the person's next write).</summary>
    [Id(1)] public string? Holder { get; set; }

    /// <summary>
    /// Per person id: per unit of <see cref="Memberships"/>, the template role codes held there (R-4.3, docs/access.md). A person
    /// missing here (state written before roles were recorded) widens no scope until their record's next write.
    /// </summary>
    [Id(2)] public Dictionary<string, Dictionary<string, List<string>>> Roles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The sub → units index of one staff member (<see cref="IStaffScopeGrain"/>).</summary>
[GrainType("staff-scope")]
public sealed class StaffScopeGrain(
    [PersistentState("staff-scope", StorageNames.Default)] IPersistentState<StaffScopeState> state,
    SiloLookupCache lookups) : Grain, IStaffScopeGrain
{
    private IReadOnlyList<string>? _units;
    private Dictionary<string, List<string>>? _rolesByUnit;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task SetMemberships(string personId, Dictionary<string, List<string>> rolesByUnit)
    {
        var roles = rolesByUnit.ToDictionary(
            p => p.Key, p => p.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var units = roles.Keys.Order(StringComparer.Ordinal).ToList();
        var had = state.State.Memberships.TryGetValue(personId, out var before);
        var heal = state.State.Holder is null || (units.Count > 0 && !state.State.Roles.ContainsKey(personId));
        state.State.Holder ??= personId;
        if (!heal && (units.Count == 0 ? !had : had && before!.SequenceEqual(units, StringComparer.Ordinal) && SameRoles(personId, roles)))
        {
            return;
        }

        if (units.Count == 0)
        {
            state.State.Memberships.Remove(personId);
            state.State.Roles.Remove(personId);
        }
        else
        {
            state.State.Memberships[personId] = units;
            state.State.Roles[personId] = roles;
        }

        await SaveAsync();
    }

    /// <inheritdoc />
    public async Task<string?> Claim(string personId)
    {
        if (state.State.Holder is { } holder)
        {
            return holder == personId ? null : holder;
        }

        state.State.Holder = personId;
        await SaveAsync();
        return null;
    }

    /// <inheritdoc />
    public async Task Release(string personId)
    {
        var held = state.State.Holder == personId;
        if (!held && !state.State.Memberships.ContainsKey(personId))
        {
            return;
        }

        state.State.Memberships.Remove(personId);
        state.State.Roles.Remove(personId);
        state.State.Holder = held ? null : state.State.Holder;
        await SaveAsync();
    }

    private bool SameRoles(string personId, Dictionary<string, List<string>> roles) =>
        state.State.Roles.TryGetValue(personId, out var stored) && stored.Count == roles.Count &&
        roles.All(p => stored.TryGetValue(p.Key, out var codes) && codes.SequenceEqual(p.Value, StringComparer.Ordinal));

    private async Task SaveAsync()
    {
        _units = null;
        _rolesByUnit = null;
        if (state.State.Memberships.Count == 0 && state.State.Holder is null)
        {
            await state.ClearStateAsync();
            state.State = new StaffScopeState();
        }
        else
        {
            await state.WriteStateAsync();
        }

        // this silo's copy of the scope goes at once (another silo's within SiloLookupCache.Ttl): a narrowed scope must not linger
        lookups.ForgetScope(TenantId, TenantIds.LocalOf(this.GetPrimaryKeyString())["staff:".Length..]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Memberships() => Task.FromResult(Units());

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> People() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Memberships.Keys.Order(StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task<StaffScope> Resolve()
    {
        var units = Units();
        return units.Count == 0 ? StaffScope.Unassigned : await GrainFactory.GetGrain<IOrganizationTreeGrain>(TenantId).Cover(RolesByUnit(units));
    }

    /// <inheritdoc />
    public async Task<StaffScope> ResolveForWork()
    {
        var units = Units();
        return units.Count == 0 ? StaffScope.Unassigned : await GrainFactory.GetGrain<IOrganizationTreeGrain>(TenantId).CoverForWork(RolesByUnit(units));
    }

    /// <summary>Per unit, the role codes the sub's people hold there (a person without recorded roles adds none: fail closed).</summary>
    private Dictionary<string, List<string>> RolesByUnit(IReadOnlyList<string> units) => _rolesByUnit ??= units.ToDictionary(
        u => u,
        u => state.State.Roles.Values.SelectMany(r => r.TryGetValue(u, out var codes) ? codes : []).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList(),
        StringComparer.Ordinal);

    private IReadOnlyList<string> Units() => _units ??=
        state.State.Memberships.Values.SelectMany(u => u).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
