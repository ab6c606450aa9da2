using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CensusRecord</c> (R-7.4 level 1).</summary>
public sealed class CensusRecordType : ObjectGraphType<CensusRecord>
{
    /// <summary>Defines the fields.</summary>
    public CensusRecordType()
    {
        Name = "CensusRecord";
        Field(x => x.RoundId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Mood, type: typeof(NonNullGraphType<EnumerationGraphType<CensusMood>>));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<CensusFlags>>>>>("flags").Resolve(ctx => CensusFlagList.Of(ctx.Source.Flags));
        Field("flagged", x => x.IsFlagged).Description("Any flag, or a LOW or DISTRESSED mood: the person moved to TRACKING.");
        Field(x => x.Note, nullable: true);
    }
}

/// <summary>Converts <see cref="CensusFlags"/> to and from lists.</summary>
public static class CensusFlagList
{
    /// <summary>The single flags set in <paramref name="flags"/>.</summary>
    public static List<CensusFlags> Of(CensusFlags flags) =>
        Enum.GetValues<CensusFlags>().Where(f => f != CensusFlags.None && flags.HasFlag(f)).ToList();

    /// <summary>The union of <paramref name="flags"/>.</summary>
    public static CensusFlags From(IEnumerable<CensusFlags>? flags) => (flags ?? []).Aggregate(CensusFlags.None, (a, f) => a | f);
}

/// <summary>GraphQL <c>ImportRowError</c>.</summary>
public sealed class ImportRowErrorType : ObjectGraphType<ImportRowError>
{
    /// <summary>Defines the fields.</summary>
    public ImportRowErrorType()
    {
        Name = "ImportRowError";
        Field(x => x.Row).Description("Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.");
        Field(x => x.Column, nullable: true).Description("The column at fault, or null for the whole row.");
        Field(x => x.Reason);
    }
}

/// <summary>GraphQL <c>ImportStatus</c>: progress and report of a roster import.</summary>
public sealed class ImportStatusType : ObjectGraphType<ImportStatus>
{
    /// <summary>Defines the fields.</summary>
    public ImportStatusType()
    {
        Name = "ImportStatus";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<RosterKind>>));
        Field(x => x.State, type: typeof(NonNullGraphType<EnumerationGraphType<ImportState>>));
        Field(x => x.Done);
        Field(x => x.Total).Description("Data rows in the file.");
        Field(x => x.Processed).Description("Rows handled so far (landed + invalid).");
        Field(x => x.Landed).Description("Rows now in the directory: created + updated + unchanged.");
        Field(x => x.Created);
        Field(x => x.Updated);
        Field(x => x.Unchanged).Description("Rows that matched what was stored (a re-import).");
        Field(x => x.Invalid).Description("Rows refused; nothing of them was written.");
        Field(x => x.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowErrorType>>>)).Description("Row errors by row (at most 1000).");
        Field(x => x.StartedAt);
        Field(x => x.StartedBy);
        Field(x => x.FinishedAt, nullable: true);
        Field(x => x.Message, nullable: true);
    }
}

/// <summary>GraphQL <c>CensusUnitProgress</c>.</summary>
public sealed class CensusUnitProgressType : ObjectGraphType<CensusUnitProgress>
{
    /// <summary>Defines the fields.</summary>
    public CensusUnitProgressType()
    {
        Name = "CensusUnitProgress";
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Expected);
        Field(x => x.Recorded);
        Field(x => x.Flagged);
        Field(x => x.CasesOpened);
        Field(x => x.Completion).Description("recorded / expected, 0–1.");
    }
}

/// <summary>GraphQL <c>CensusProgress</c>.</summary>
public sealed class CensusProgressType : ObjectGraphType<CensusProgress>
{
    /// <summary>Defines the fields.</summary>
    public CensusProgressType()
    {
        Name = "CensusProgress";
        Field(x => x.RoundId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CensusRoundStatus>>));
        Field(x => x.StartedAt);
        Field(x => x.StartedBy);
        Field(x => x.ClosedAt, nullable: true);
        Field(x => x.Units, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CensusUnitProgressType>>>));
        Field<NonNullGraphType<IntGraphType>>("expected").Resolve(ctx => ctx.Source.Units.Sum(u => u.Expected));
        Field<NonNullGraphType<IntGraphType>>("recorded").Resolve(ctx => ctx.Source.Units.Sum(u => u.Recorded));
        Field(x => x.FlaggedPersonIds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>));
    }
}

/// <summary>Input <c>StartCensusRoundInput</c>.</summary>
public sealed class StartCensusRoundInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public StartCensusRoundInputType()
    {
        Name = "StartCensusRoundInput";
        Field<IdGraphType>("id").Description("Local id; generated when omitted.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("organizationIds").Description("Classes or communities (1–50).");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " Without an id, the round's id is derived from the key.");
    }
}

/// <summary>Input <c>RecordCensusInput</c>.</summary>
public sealed class RecordCensusInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public RecordCensusInputType()
    {
        Name = "RecordCensusInput";
        Field<NonNullGraphType<IdGraphType>>("roundId");
        Field<NonNullGraphType<IdGraphType>>("personId");
        Field<NonNullGraphType<EnumerationGraphType<CensusMood>>>("mood");
        Field<ListGraphType<NonNullGraphType<EnumerationGraphType<CensusFlags>>>>("flags").Description("R-4.4 exposure flags and R-3.5 items; any flag moves the person to TRACKING.");
        Field<StringGraphType>("note").Description("At most 1000 characters.");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description);
    }
}
