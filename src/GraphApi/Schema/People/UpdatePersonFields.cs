using CareGrid.Grains.People;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// What <c>updatePerson</c> writes: the fields the input gives, and what is known for those it leaves out (round-34 red team
/// F5: a client that only renamed a person sent no birth data, which erased the date of birth and so withdrew a
/// 14-year-old's own consent, "birth date removed"). A roster row's empty cell keeps what is known too (docs/rosters.md).
/// </summary>
public static class UpdatePersonFields
{
    /// <summary>
    /// The update of <paramref name="input"/>: <c>sex</c>, <c>birthYear</c>, <c>dateOfBirth</c> and <c>externalId</c> left out
    /// of <paramref name="given"/> (the input's fields as sent, explicit nulls included) keep <paramref name="current"/>'s
    /// values; sent as null they clear them (sex: unspecified). The two birth fields go together: a <c>dateOfBirth</c> sent
    /// alone gives the year too, and a <c>birthYear</c> sent alone keeps a known date of the same year (the person rules
    /// decide, <c>UpdatePerson</c>).
    /// </summary>
    public static UpdatePerson Merge(UpdatePersonInput input, IReadOnlyDictionary<string, object?> given, PersonInfo? current, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(given);
        bool Sent(string field) => given.ContainsKey(field) || current is null;
        var sex = Sent("sex") ? input.Sex ?? Sex.Unspecified : current!.Sex;
        var birthYear = Sent("birthYear") ? input.BirthYear : given.ContainsKey("dateOfBirth") ? null : current!.BirthYear;
        var dateOfBirth = Sent("dateOfBirth") ? input.DateOfBirth : given.ContainsKey("birthYear") ? null : current!.DateOfBirth;
        var externalId = Sent("externalId") ? input.ExternalId : current!.ExternalId;
        return new UpdatePerson(input.DisplayName ?? "", organizationId, sex, birthYear, externalId, dateOfBirth);
    }
}
