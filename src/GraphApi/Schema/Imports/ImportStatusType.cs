using CareGrid.Grains.Imports;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ImportStatus</c>: progress and report of a roster import.</summary>
public sealed class ImportStatusType : ObjectGraphType<ImportStatus>
{
    /// <summary>Defines the fields.</summary>
    public ImportStatusType()
    {
        Name = "ImportStatus";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<RosterKind>>));
        Field(x => x.State, type: typeof(NonNullGraphType<EnumerationGraphType<ImportState>>));
        Field(x => x.Done);
        Field(x => x.Total).Description("Rows in the file after the header, blank rows included; when done, total = landed + invalid + notWritten + blank.");
        Field(x => x.Processed).Description("Rows handled so far (landed + invalid + notWritten + blank).");
        Field(x => x.Landed).Description("Rows now in the directory: created + updated + unchanged.");
        Field(x => x.Created);
        Field(x => x.Updated).Description("Rows that changed a person already registered (moved included).");
        Field(x => x.Moved).Description("Of the updated rows, people who were in another unit under the same externalId and name and now belong to this one "
            + "(a promotion or re-classing; only when allowMoves). A row whose externalId is another person's under another name is refused (EXTERNAL_ID_CONFLICT), not moved.");
        Field(x => x.NotMoved).Description("Of the invalid rows, people registered in another unit under the same externalId and name who were not moved because the "
            + "import did not allow moves (errors with code PERSON_IN_OTHER_UNIT). Many of them: the file is probably another class's. A real change of class: "
            + "import again with allowMoves: true.");
        Field(x => x.AllowMoves).Description("Whether the import was started with allowMoves: true.");
        Field(x => x.Blank).Description("Blank rows skipped (an empty line, or only separators as Excel writes an empty row); row numbers count them, as the file's line numbers.");
        Field(x => x.Unchanged).Description("Rows that matched what was stored (a re-import).");
        Field(x => x.Invalid).Description("Rows refused; nothing of them was written.");
        Field(x => x.NotWritten).Description("Rows not written because the service stayed busy or unavailable through every try (listed in errors with retryable = true); "
            + "import the same file again to land them. Zero when every row landed or was refused.");
        Field(x => x.Retried).Description("Rows that needed more than one try (a timeout or an unavailable server); each still landed or was reported once.");
        Field(x => x.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowErrorType>>>)).Description("Row errors by row (at most 1000).");
        Field(x => x.StartedAt);
        Field(x => x.StartedBy);
        Field(x => x.FinishedAt, nullable: true);
        Field(x => x.Message, nullable: true);
    }
}

/// <summary>GraphQL <c>ImportRowError</c>: one refused row of a roster.</summary>
public sealed class ImportRowErrorType : ObjectGraphType<ImportRowError>
{
    /// <summary>Defines the fields.</summary>
    public ImportRowErrorType()
    {
        Name = "ImportRowError";
        this.ReachedThroughParent();
        Field(x => x.Row).Description("Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.");
        Field(x => x.Column, nullable: true).Description("The column at fault, or null for the whole row.");
        Field(x => x.Reason).Description("Why, in English, then ' / ', then in Simplified Chinese; never echoes the cell's value.");
        Field(x => x.Code, nullable: true).Description("The error code when the person or unit refused the row as it was written (EXTERNAL_ID_CONFLICT, "
            + "PERSON_IN_OTHER_UNIT, ALREADY_EXISTS, …); null for a cell the file check refused and for a row not written.");
        Field(x => x.Retryable).Description("True when the row is fine but could not be written (the service was busy): import the same file again. False: fix the row.");
    }
}
