namespace CareGrid.Grains.Census;

/// <summary>
/// Keeps <see cref="CensusRoundState.Tallies"/> in step with the round's id maps (R-3.5, R-7.4; docs/statistics.md "People
/// and census"). A person contributes to the unit they are expected in (expected) and to the unit they are recorded in
/// (recorded; flagged when their latest record is; a case opened from their flag) — the same rules as counting the maps.
/// </summary>
internal static class CensusTallies
{
    /// <summary>The round's tallies, counted once from the maps when the stored state predates them.</summary>
    public static Dictionary<string, CensusUnitTally> Of(CensusRoundState state)
    {
        if (state.Tallies is { } kept)
        {
            return kept;
        }

        var tallies = new Dictionary<string, CensusUnitTally>(StringComparer.Ordinal);
        foreach (var person in state.Expected.Keys.Union(state.Recorded.Keys, StringComparer.Ordinal))
        {
            Count(state, tallies, person, +1);
        }

        return state.Tallies = tallies;
    }

    /// <summary>Applies <paramref name="change"/> to the maps of <paramref name="state"/> and moves <paramref name="personId"/>'s contribution with it.</summary>
    public static void Change(CensusRoundState state, string personId, Action change)
    {
        var tallies = Of(state);
        Count(state, tallies, personId, -1);
        change();
        Count(state, tallies, personId, +1);
    }

    /// <summary>The counts of <paramref name="unit"/> (zeros when the unit has none).</summary>
    public static CensusUnitTally In(CensusRoundState state, string unit) => Of(state).GetValueOrDefault(unit) ?? new CensusUnitTally();

    private static void Count(CensusRoundState state, Dictionary<string, CensusUnitTally> tallies, string personId, int delta)
    {
        if (state.Expected.TryGetValue(personId, out var expectedIn))
        {
            At(tallies, expectedIn).Expected += delta;
        }

        if (state.Recorded.TryGetValue(personId, out var recordedIn))
        {
            var tally = At(tallies, recordedIn);
            tally.Recorded += delta;
            tally.Flagged += state.Flagged.Contains(personId) ? delta : 0;
            tally.CasesOpened += state.Cases.ContainsKey(personId) ? delta : 0;
        }
    }

    private static CensusUnitTally At(Dictionary<string, CensusUnitTally> tallies, string unit)
    {
        if (!tallies.TryGetValue(unit, out var tally))
        {
            tallies[unit] = tally = new CensusUnitTally();
        }

        return tally;
    }
}
