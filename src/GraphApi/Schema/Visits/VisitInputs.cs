using CareGrid.Grains.Visits;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>logVisit</c> (R-6.2, R-7.3, R-2.2), read as <see cref="LogVisit"/>.</summary>
public sealed class LogVisitInput
{
    /// <summary>The visit's id in the person's log, or null to generate one (a retry with the same id and details answers the same visit).</summary>
    public string? Id { get; set; }

    /// <summary>How the person or family was met.</summary>
    public VisitKind Kind { get; set; }

    /// <summary>The tenant-local day of the visit.</summary>
    public DateOnly On { get; set; }

    /// <summary>What was learned or agreed, at most 500 characters.</summary>
    public string? Note { get; set; }

    /// <summary>The domain command.</summary>
    public LogVisit ToCommand() => new(Id, Kind, On, Note);
}

/// <summary>Input of <c>setSpecialGroups</c> (R-7.2), read as <see cref="SetSpecialGroups"/>.</summary>
public sealed class SetSpecialGroupsInput
{
    /// <summary>The groups; empty removes the person from the ledger.</summary>
    public List<SpecialGroup> Groups { get; set; } = [];

    /// <summary>The targeted help, at most 1000 characters.</summary>
    public string? HelpNote { get; set; }

    /// <summary>The basic situation (one of the three knows), at most 1000 characters.</summary>
    public string? BasicSituation { get; set; }

    /// <summary>The next review day; required unless the groups are empty.</summary>
    public DateOnly? ReviewOn { get; set; }

    /// <summary>The domain command.</summary>
    public SetSpecialGroups ToCommand() => new(Groups, HelpNote, BasicSituation, ReviewOn);
}
