using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Census;

/// <summary>
/// A census round's rules over its <see cref="CensusRoundState"/> at one instant (R-3.5 "每班摸排", R-7.4 census →
/// tracking → individual case): starting over units within the stored-state bounds (docs/storage.md), recording one
/// person's answers while <c>Open</c>, remembering the cases opened from flags, and closing
/// (<see cref="CensusRoundStateMachine"/>). It touches no storage and no other grain: <see cref="CensusRoundGrain"/>
/// reads the units' people, asks the person grains, calls it, and saves. A refused command throws a
/// <see cref="CareGridException"/> before the state is changed.
/// </summary>
/// <param name="localId">The round's local id (the grain key without the tenant).</param>
/// <param name="state">The round's state; commands change it in place.</param>
/// <param name="now">The instant of the command (UTC, from the domain clock).</param>
public sealed class CensusRoundAggregate(string localId, CensusRoundState state, DateTimeOffset now)
{
    private static readonly CensusFlags AllFlags = Enum.GetValues<CensusFlags>().Aggregate(CensusFlags.None, (a, f) => a | f);

    /// <summary>The idempotency fingerprint of a <c>startCensusRound</c> request (docs/idempotency.md).</summary>
    public static string Fingerprint(StartCensusRound input) =>
        IdempotencyKey.Fingerprint("startCensusRound", input.Name, input.OrganizationIds);

    /// <summary>True when the round exists and <paramref name="input"/> repeats the keyed request that started it; false when it does not exist.</summary>
    /// <exception cref="CareGridException"><c>ALREADY_EXISTS</c> when the round exists and this is not a replay of its start.</exception>
    public bool IsReplayOfStart(StartCensusRound input, Actor actor, string fingerprint)
    {
        if (!state.Exists)
        {
            return false;
        }

        if (RememberedWrites.Replays(state.CreatedBy, actor.Subject, input.IdempotencyKey, fingerprint, "startCensusRound"))
        {
            return true;
        }

        throw new CareGridException(ErrorCodes.AlreadyExists, $"Census round '{localId}' already exists.");
    }

    /// <summary>Checks a start input: returns the name and the distinct units in the order given.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>name</c> (1–200 characters) or
    /// <c>organizationIds</c> (1–<see cref="CensusRoundLimits.MaxOrganizations"/> units).</exception>
    public static (string Name, List<string> OrganizationIds) CheckStart(StartCensusRound input)
    {
        var name = PersonValidation.Text(input.Name, "name", 200);
        var orgs = (input.OrganizationIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (orgs.Count is 0 or > CensusRoundLimits.MaxOrganizations)
        {
            throw CareGridException.Validation("organizationIds", $"A census round covers 1–{CensusRoundLimits.MaxOrganizations} units.");
        }

        return (name, orgs);
    }

    /// <summary>
    /// Refuses a round whose expected people (person id → unit, gathered so far) pass <see cref="CensusRoundLimits.MaxPeople"/>
    /// or, kept twice (expected and recorded), <see cref="CensusRoundLimits.MaxExpectedBytes"/> (docs/storage.md).
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>organizationIds</c>: split the round.</exception>
    public static void EnsureExpectedFits(IReadOnlyDictionary<string, string> expected)
    {
        if (expected.Count > CensusRoundLimits.MaxPeople)
        {
            throw CareGridException.Validation("organizationIds", $"A census round covers at most {CensusRoundLimits.MaxPeople} people: split it.");
        }

        if (2 * expected.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value)) > CensusRoundLimits.MaxExpectedBytes)
        {
            throw CareGridException.Validation("organizationIds",
                "These units hold too many people for one census round's stored state (docs/storage.md): split it into rounds over fewer units.");
        }
    }

    /// <summary>The state of a round started now by <paramref name="actor"/>, <c>Open</c>, expecting <paramref name="expected"/>.</summary>
    public CensusRoundState Started(string name, List<string> organizationIds, Dictionary<string, string> expected,
        Actor actor, string? idempotencyKey, string fingerprint)
    {
        var started = new CensusRoundState
        {
            Exists = true,
            Name = name,
            Status = CensusRoundStatus.Open,
            OrganizationIds = organizationIds,
            Expected = expected,
            StartedAt = now,
            StartedBy = actor.Subject,
            CreatedBy = idempotencyKey is { } key ? new RememberedWrite(actor.Subject, key, fingerprint, now) : null,
        };
        CensusTallies.Of(started); // counted from the expected people once; kept in step from now on
        return started;
    }

    /// <summary>Checks a census entry before the person is looked up; returns the trimmed note (or null).</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (round); <c>INVALID_TRANSITION</c> once closed;
    /// <c>VALIDATION_FAILED</c> with field <c>mood</c>, <c>flags</c> or <c>note</c> (at most 1000 characters).</exception>
    public string? CheckEntry(CensusEntry entry)
    {
        EnsureExists();
        EnsurePermitted(CensusRoundTrigger.Record);
        if (!Enum.IsDefined(entry.Mood))
        {
            throw CareGridException.Validation("mood", "Unknown mood.");
        }

        if ((entry.Flags & ~AllFlags) != 0)
        {
            throw CareGridException.Validation("flags", "Unknown flag.");
        }

        return PersonValidation.OptionalText(entry.Note, "note", 1000);
    }

    /// <summary>
    /// The record to store on the person and the unit it counts for: the unit the person was expected in, else their own
    /// unit when the round covers it (a person who joined since the start).
    /// </summary>
    /// <param name="entry">The entry (checked by <see cref="CheckEntry"/>).</param>
    /// <param name="note">The note returned by <see cref="CheckEntry"/>.</param>
    /// <param name="personOrganizationId">The unit the person belongs to now.</param>
    /// <param name="actor">Who records.</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (field <c>personId</c>) when the person is in none of
    /// the round's units; <c>STORAGE_LIMIT</c> when a new person would pass <see cref="CensusRoundLimits.MaxStateBytes"/>.</exception>
    public (CensusRecord Record, string Unit) PrepareRecord(CensusEntry entry, string? note, string personOrganizationId, Actor actor)
    {
        var unit = state.Expected.GetValueOrDefault(entry.PersonId)
            ?? (state.OrganizationIds.Contains(personOrganizationId) ? personOrganizationId : null)
            ?? throw CareGridException.Validation("personId", "The person is not in a unit of this census round.");
        if (!state.Recorded.ContainsKey(entry.PersonId))
        {
            EnsureRoom(CensusRoundLimits.EstimatedBytes(entry.PersonId, unit) * (state.Expected.ContainsKey(entry.PersonId) ? 2 : 3));
        }

        return (new CensusRecord(localId, now, actor.Subject, entry.Mood, entry.Flags, note, entry.IdempotencyKey), unit);
    }

    /// <summary>
    /// Counts a record the person grain stored: the person is recorded in <paramref name="unit"/> and flagged or not by
    /// their latest record (R-7.4: a flag moves them to tracking).
    /// </summary>
    public void ApplyRecord(string personId, string unit, CensusRecord record)
    {
        CensusRoundStateMachine.Over(state).Fire(CensusRoundTrigger.Record);
        CensusTallies.Change(state, personId, () =>
        {
            state.Expected.TryAdd(personId, unit);
            state.Recorded[personId] = unit;
            if (record.IsFlagged)
            {
                state.Flagged.Add(personId);
            }
            else
            {
                state.Flagged.Remove(personId);
            }
        });
    }

    /// <summary>
    /// Checks that a case may be opened from <paramref name="personId"/>'s flag (R-7.4 level 3) and returns the caller's
    /// key (<c>sub\nkey</c>, or null) to remember with it. A retry with the key that opened the case passes.
    /// </summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (round); <c>ALREADY_EXISTS</c> (with <c>caseId</c>) when a
    /// case was opened from this flag under another key or none; <c>VALIDATION_FAILED</c> (field <c>personId</c>) when
    /// the person was not flagged here; <c>STORAGE_LIMIT</c> when the round's state is full.</exception>
    public string? CheckOpenCase(string personId, Actor actor, string? idempotencyKey)
    {
        EnsureExists();
        var keyOfCaller = idempotencyKey is null ? null : actor.Subject + "\n" + idempotencyKey;
        if (state.Cases.TryGetValue(personId, out var existing) && (keyOfCaller is null || state.CaseKeys?.GetValueOrDefault(personId) != keyOfCaller))
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"A case was already opened from this flag: '{existing}'.",
                new Dictionary<string, string> { ["caseId"] = existing });
        }

        if (!state.Flagged.Contains(personId) && existing is null)
        {
            throw CareGridException.Validation("personId", "The person was not flagged in this census round.");
        }

        EnsureRoom(CensusRoundLimits.EstimatedBytes(personId, TenantIds.NewLocalId("case"))); // a case id's length, before the intake names it
        return keyOfCaller;
    }

    /// <summary>The unit <paramref name="personId"/> was recorded in, or null.</summary>
    public string? RecordedUnitOf(string personId) => state.Recorded.GetValueOrDefault(personId);

    /// <summary>Remembers the case opened from <paramref name="personId"/>'s flag, with the caller's key from <see cref="CheckOpenCase"/>.</summary>
    public void ApplyCaseOpened(string personId, string caseId, string? keyOfCaller)
    {
        CensusTallies.Change(state, personId, () => state.Cases[personId] = caseId);
        if (keyOfCaller is not null)
        {
            (state.CaseKeys ??= new(StringComparer.Ordinal))[personId] = keyOfCaller;
        }
    }

    /// <summary>Closes the round (<c>Open → Closed</c>) now.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>; <c>INVALID_TRANSITION</c> when closed already.</exception>
    public void Close()
    {
        EnsureExists();
        EnsurePermitted(CensusRoundTrigger.Close);
        CensusRoundStateMachine.Over(state).Fire(CensusRoundTrigger.Close);
        state.ClosedAt = now;
    }

    /// <summary>The round's completion per unit, in the order given at the start, and all its flagged people (ids, ordinal order): for the service itself.</summary>
    public CensusProgress Progress() => Progress(StaffScope.Tenant);

    /// <summary>
    /// The round's completion per unit, in the order given at the start — every unit's counts, whoever asks — and the
    /// flagged people (ids, ordinal order) recorded in a unit <paramref name="viewerScope"/> covers only (need-to-know by
    /// organization, R-4.3, docs/access.md "Census rounds"): a homeroom teacher sees their own class's flagged students, the
    /// counselling centre the whole school's.
    /// </summary>
    public CensusProgress Progress(StaffScope viewerScope)
    {
        ArgumentNullException.ThrowIfNull(viewerScope);
        var s = state;
        var flagged = s.Flagged.Where(p => viewerScope.WholeTenant || (s.Recorded.TryGetValue(p, out var unit) && viewerScope.Covers(unit)));
        return new CensusProgress(localId, s.Name, s.Status, s.StartedAt, s.StartedBy, s.ClosedAt, UnitProgress(), [.. flagged.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The round's counts per unit without names or person ids (docs/statistics.md "People and census"), read from the
    /// tallies kept in its state: the cost is the number of units, not of people.
    /// </summary>
    public CensusCoverage Coverage() => new(localId, state.Status, state.StartedAt, state.ClosedAt, UnitProgress());

    private List<CensusUnitProgress> UnitProgress() => [.. state.OrganizationIds.Select(Progress)];

    private CensusUnitProgress Progress(string unit)
    {
        var t = CensusTallies.In(state, unit);
        return new CensusUnitProgress(unit, t.Expected, t.Recorded, t.Flagged, t.CasesOpened);
    }

    /// <summary>Refuses a command on a round that was never started.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (entity <c>CensusRound</c>).</exception>
    public void EnsureExists()
    {
        if (!state.Exists)
        {
            throw CareGridException.NotFound("CensusRound", localId);
        }
    }

    private void EnsurePermitted(CensusRoundTrigger trigger)
    {
        var machine = CensusRoundStateMachine.Over(state);
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.Status, trigger, machine.Permitted());
        }
    }

    /// <summary><c>STORAGE_LIMIT</c> when <paramref name="more"/> bytes would take the state past <see cref="CensusRoundLimits.MaxStateBytes"/>.</summary>
    private void EnsureRoom(long more)
    {
        var bytes = state.Expected.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value))
            + state.Recorded.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value))
            + state.Flagged.Sum(p => CensusRoundLimits.EstimatedBytes(p, null))
            + state.Cases.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value));
        if (bytes + more > CensusRoundLimits.MaxStateBytes)
        {
            throw new CareGridException(ErrorCodes.StorageLimit,
                "This census round's stored state is full (docs/storage.md); nothing was recorded. Record the remaining people in a new round.");
        }
    }
}
