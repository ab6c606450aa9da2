using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People;

/// <summary>
/// Keeps person ids and external ids from naming two people (docs/api.md, "External ids"): every person-id argument
/// accepts either, so a decoy whose <c>externalId</c> is another person's id (or whose id is another person's
/// <c>externalId</c>) would otherwise make that person unreachable by it.
/// </summary>
public sealed partial class PersonGrain
{
    /// <summary>
    /// <c>ALREADY_EXISTS</c> (extensions <c>field</c>) when <paramref name="externalId"/> (changed or new) is another person's
    /// id or another person's <c>externalId</c>, or when this person is new and its id is another person's <c>externalId</c>.
    /// Read from the person grains and the read model's external-id index (docs/search.md), both written before a
    /// registration answers; the other person is never named.
    /// </summary>
    /// <param name="externalId">The checked (trimmed) external id, or null.</param>
    /// <param name="idField">The field that carries this person's id in the request (<c>id</c>; <c>externalId</c> for roster rows, whose id derives from it).</param>
    private async Task EnsureIdsFreeAsync(string? externalId, string idField)
    {
        if (externalId is not null && externalId != state.State.ExternalId)
        {
            if (externalId != LocalId && LocalIdShape().IsMatch(externalId)
                && await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, externalId)).Get() is not null)
            {
                throw Taken("externalId", $"externalId '{externalId}' is the person id of another person; every person argument accepts both, so it would name two people. Use the roster's own number for this person.");
            }

            if (await ExternalIdHolderAsync(externalId))
            {
                throw Taken("externalId", $"externalId '{externalId}' is already the externalId of another person in this tenant. Check the number, or correct the other person's record first.");
            }
        }

        if (!state.State.Exists && await ExternalIdHolderAsync(LocalId, legacyForms: false))
        {
            throw Taken(idField, $"{idField} '{LocalId}' is the externalId of another person; every person argument accepts both, so it would name two people. Choose another id.");
        }
    }

    /// <summary>
    /// True when another person holds <paramref name="externalId"/>, or one of its <see cref="PersonExternalId.LegacyForms"/>
    /// (a person stored before external ids were normalized keeps the id as typed, e.g. full-width digits).
    /// </summary>
    private async Task<bool> ExternalIdHolderAsync(string externalId, bool legacyForms = true)
    {
        foreach (var form in legacyForms ? PersonExternalId.LegacyForms(externalId, externalId).Prepend(externalId) : [externalId])
        {
            if ((await readModel.QueryPeopleAsync(TenantId, new PersonQuery(ExternalId: form), 2, null)).Items.Any(r => r.Id != LocalId))
            {
                return true;
            }
        }

        return false;
    }

    private static CareGridException Taken(string field, string message) =>
        new(ErrorCodes.AlreadyExists, message, new Dictionary<string, string> { ["field"] = field });

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalIdShape();
}
