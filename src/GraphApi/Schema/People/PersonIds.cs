using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Turns a person reference sent by a client into the person's local id (docs/api.md, "External ids"): either the id
/// itself (<c>ext-S2024011</c>, <c>person-…</c>) or the <c>externalId</c> the tenant's roster knows the person by
/// (<c>S2024011</c>, the school's student number). Every person-id argument of the schema goes through
/// <see cref="ResolveAsync"/> before its resolver runs (<see cref="PersonIdArguments"/>), so need-to-know checks and audit
/// records name the resolved id.
/// </summary>
public static class PersonIds
{
    /// <summary>Longest external id (as <c>registerPerson</c> and roster imports accept).</summary>
    public const int MaxExternalIdLength = 64;

    /// <summary>
    /// The local id of the person <paramref name="value"/> names in <paramref name="tenantId"/>: a registered person whose id
    /// is <paramref name="value"/> always wins, whatever external ids say; otherwise the person whose <c>externalId</c> equals
    /// it (trimmed, exact, case-sensitive). Null when it names nobody. <c>AMBIGUOUS_ID</c> (extensions <c>field</c> only, no
    /// ids: they may lie outside the caller's scope) when two people hold that <c>externalId</c> — writes refuse that
    /// (<c>ALREADY_EXISTS</c>), so only records from before the rule or a race of two writes can reach it.
    /// </summary>
    /// <param name="grains">Grain factory (the person grain answers whether an id is registered).</param>
    /// <param name="readModel">Read side (the external-id index, docs/search.md).</param>
    /// <param name="tenantId">The caller's tenant; other tenants are never looked at.</param>
    /// <param name="value">The value sent.</param>
    /// <param name="field">The argument or input field name, for the error (e.g. <c>personId</c>).</param>
    public static async Task<string?> ResolveAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string value, string field)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(readModel);
        if (LocalIds.IsWellFormed(value) && await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, value)).Get() is not null)
        {
            return value;
        }

        var external = PersonExternalId.Normalize(value)!;
        if (external.Length is 0 or > MaxExternalIdLength)
        {
            return null;
        }

        var page = await readModel.QueryPeopleAsync(tenantId, new PersonQuery(ExternalId: external), 2, null);
        foreach (var legacy in PersonExternalId.LegacyForms(value, external))
        {
            if (page.Items.Count > 0)
            {
                break;
            }

            page = await readModel.QueryPeopleAsync(tenantId, new PersonQuery(ExternalId: legacy), 2, null); // stored before normalization
        }

        return page.Items.Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList() switch
        {
            [] => null,
            [var one] => one,
            _ => throw new CareGridException(ErrorCodes.AmbiguousId,
                $"{field} '{RefusalClip(value)}' is the externalId of more than one person. Pass the person id instead (search people(filter: {{externalId: …}}) to see the people you may see).",
                new Dictionary<string, string> { ["field"] = field }),
        };
    }

    /// <summary>
    /// <see cref="ResolveAsync"/>, with <c>NOT_FOUND</c> (extensions <c>entity</c> Person, <c>id</c> the value, <c>field</c>)
    /// when <paramref name="value"/> names nobody.
    /// </summary>
    public static async Task<string> ResolveExistingAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string value, string field) =>
        await ResolveAsync(grains, readModel, tenantId, value, field)
        ?? throw new CareGridException(ErrorCodes.NotFound,
            $"No person has the id or externalId '{RefusalClip(value)}' ({field}); search people(filter: {{name: …}}) to find the id.",
            new Dictionary<string, string> { ["entity"] = "Person", ["id"] = RefusalClip(value), ["field"] = field });

    /// <summary><paramref name="value"/> as a refusal names it: at most <see cref="MaxExternalIdLength"/> characters, then "…".</summary>
    public static string RefusalClip(string value) => value.Length > MaxExternalIdLength ? value[..MaxExternalIdLength] + "…" : value;
}
