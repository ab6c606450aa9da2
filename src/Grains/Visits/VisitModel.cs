namespace CareGrid.Grains.Visits;

/// <summary>How staff met a person or their family (R-6.2 home visits, R-7.3 talks and group activities, R-2.2 contact with parents).</summary>
[GenerateSerializer, Alias("CareGrid.VisitKind")]
public enum VisitKind
{
    /// <summary>A home visit (家访, R-6.2, R-7.3).</summary>
    HomeVisit = 0,
    /// <summary>A one-to-one talk with the person (谈心谈话, R-7.3).</summary>
    OneToOneTalk = 1,
    /// <summary>A group activity the person took part in (团体活动, R-7.3).</summary>
    GroupActivity = 2,
    /// <summary>Contact with the parents online or by phone (线上联系家长, R-2.2, R-6.2).</summary>
    OnlineParentContact = 3,
}

/// <summary>The groups of the special-groups ledger (特殊群体台账, R-7.2).</summary>
[GenerateSerializer, Alias("CareGrid.SpecialGroup")]
public enum SpecialGroup
{
    /// <summary>A left-behind child (留守儿童).</summary>
    LeftBehind = 0,
    /// <summary>A child of a single-parent family (单亲家庭).</summary>
    SingleParentFamily = 1,
    /// <summary>A child of a blended family (重组家庭).</summary>
    BlendedFamily = 2,
    /// <summary>A migrant child (随迁子女 / 流动儿童).</summary>
    MigrantChild = 3,
    /// <summary>A child with learning difficulties (学习困难).</summary>
    LearningDifficulties = 4,
}

/// <summary>One of the three knows of a left-behind child (三个清楚, R-6.2, R-2.2): what staff must know about each such child.</summary>
[GenerateSerializer, Alias("CareGrid.ThreeKnow")]
public enum ThreeKnow
{
    /// <summary>The child's basic situation (基本情况): the ledger's <c>basicSituation</c> note.</summary>
    BasicSituation = 0,
    /// <summary>The guardian (监护人): a guardian contact with a name and a phone.</summary>
    Guardian = 1,
    /// <summary>The parents' workplace and contact (父母务工地点和联系方式): a parent contact with a workplace and a phone.</summary>
    ParentsWorkplaceAndContact = 2,
}

/// <summary>A visit or talk to log .</summary>
/// <param name="Id">The visit's id within the person's log (1–64 letters, digits, '-' or '_'), or null to generate one.</param>
/// <param name="Kind">How the person or family was met.</param>
/// <param name="On">The tenant-local day it took place: not after today, not more than <see cref="VisitRules.MaxDaysBack"/> days back.</param>
/// <param name="Note">What was learned or agreed, at most <see cref="VisitRules.MaxNoteLength"/> characters, or null.</param>
[GenerateSerializer, Alias("CareGrid.LogVisit")]
public sealed record LogVisit(
    [property: Id(0)] string? Id,
    [property: Id(1)] VisitKind Kind,
    [property: Id(2)] DateOnly On,
    [property: Id(3)] string? Note);

/// <summary>A visit as stored in the person's log and returned.</summary>
/// <param name="Id">The visit's id within the person's log.</param>
/// <param name="PersonId">The person visited.</param>
/// <param name="Kind">How the person or family was met.</param>
/// <param name="On">The tenant-local day it took place.</param>
/// <param name="OrganizationId">The person's unit when it was logged: coverage counts it for that unit.</param>
/// <param name="Note">The note, or null.</param>
/// <param name="LoggedBy">The staff login that logged it.</param>
/// <param name="LoggedAt">When it was logged (UTC, domain clock).</param>
[GenerateSerializer, Alias("CareGrid.Visit"), Immutable]
public sealed record Visit(
    [property: Id(0)] string Id,
    [property: Id(1)] string PersonId,
    [property: Id(2)] VisitKind Kind,
    [property: Id(3)] DateOnly On,
    [property: Id(4)] string OrganizationId,
    [property: Id(5)] string? Note,
    [property: Id(6)] string LoggedBy,
    [property: Id(7)] DateTimeOffset LoggedAt);

/// <summary>A person's entry to set in the special-groups ledger .</summary>
/// <param name="Groups">The groups (1–5, no repeats); empty removes the person from the ledger.</param>
/// <param name="HelpNote">The targeted help (精准帮扶) planned or given, at most 1000 characters, or null.</param>
/// <param name="BasicSituation">The child's basic situation (one of the three knows of a left-behind child), at most 1000 characters, or null.</param>
/// <param name="ReviewOn">The tenant-local day the entry is next reviewed; required when <paramref name="Groups"/> is not empty.</param>
[GenerateSerializer, Alias("CareGrid.SetSpecialGroups")]
public sealed record SetSpecialGroups(
    [property: Id(0)] IReadOnlyList<SpecialGroup> Groups,
    [property: Id(1)] string? HelpNote,
    [property: Id(2)] string? BasicSituation,
    [property: Id(3)] DateOnly? ReviewOn);

/// <summary>A person's entry in the special-groups ledger .</summary>
/// <param name="PersonId">The person.</param>
/// <param name="DisplayName">The person's name when the entry was last set.</param>
/// <param name="OrganizationId">The person's unit when the entry was last set: the ledger lists it there.</param>
/// <param name="Groups">The groups, in enum order.</param>
/// <param name="HelpNote">The targeted help, or null.</param>
/// <param name="BasicSituation">The basic situation, or null.</param>
/// <param name="ReviewOn">The next review day (tenant-local).</param>
/// <param name="UpdatedBy">The staff login that last set it.</param>
/// <param name="UpdatedAt">When it was last set (UTC).</param>
[GenerateSerializer, Alias("CareGrid.SpecialGroupsEntry"), Immutable]
public sealed record SpecialGroupsEntry(
    [property: Id(0)] string PersonId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OrganizationId,
    [property: Id(3)] IReadOnlyList<SpecialGroup> Groups,
    [property: Id(4)] string? HelpNote,
    [property: Id(5)] string? BasicSituation,
    [property: Id(6)] DateOnly ReviewOn,
    [property: Id(7)] string UpdatedBy,
    [property: Id(8)] DateTimeOffset UpdatedAt)
{
    /// <summary>True when the review day has passed on <paramref name="today"/> (tenant-local).</summary>
    public bool IsOverdueOn(DateOnly today) => ReviewOn < today;
}

/// <summary>Persisted state of a person's visit log (<see cref="IPersonVisitsGrain"/>).</summary>
[GenerateSerializer, Alias("CareGrid.PersonVisitsState")]
public sealed class PersonVisitsState
{
    /// <summary>Visits, oldest logged first; at most <see cref="VisitRules.MaxVisitsPerPerson"/>.</summary>
    [Id(0)] public List<Visit> Visits { get; set; } = [];

    /// <summary>The person's special-groups ledger entry, or null.</summary>
    [Id(1)] public SpecialGroupsEntry? Ledger { get; set; }
}

/// <summary>Persisted state of one unit's visit tally for one month (<see cref="IVisitTallyGrain"/>).</summary>
[GenerateSerializer, Alias("CareGrid.VisitTallyState")]
public sealed class VisitTallyState
{
    /// <summary>Per person: bit <c>d-1</c> set when the person was visited on day <c>d</c> of the month.</summary>
    [Id(0)] public Dictionary<string, int> Days { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Persisted state of one unit's special-groups ledger index (<see cref="ISpecialGroupsIndexGrain"/>).</summary>
[GenerateSerializer, Alias("CareGrid.SpecialGroupsIndexState")]
public sealed class SpecialGroupsIndexState
{
    /// <summary>The entries listed in the unit, by person id.</summary>
    [Id(0)] public Dictionary<string, SpecialGroupsEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
