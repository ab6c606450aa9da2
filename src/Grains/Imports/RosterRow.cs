using CareGrid.Grains.People;

namespace CareGrid.Grains.Imports;

/// <summary>A valid roster row, ready to apply.</summary>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="PersonId">The person's local id, derived from the external id (<see cref="RosterCsv.PersonIdFor"/>).</param>
/// <param name="Person">What to apply to the person grain.</param>
/// <param name="Roles">Roles to give in the unit (staff rosters).</param>
public sealed record RosterRow(int Row, string PersonId, PersonImport Person, IReadOnlyList<string> Roles);
