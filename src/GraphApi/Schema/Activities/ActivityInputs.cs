using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>addActivity</c> (R-7.1).</summary>
public sealed class AddActivityInput
{
    /// <summary>Local id in the unit's plan; generated when omitted.</summary>
    public string? Id { get; set; }

    /// <summary>Title, 1–200 characters.</summary>
    public string Title { get; set; } = "";

    /// <summary>Simplified Chinese title, or null.</summary>
    public string? TitleZh { get; set; }

    /// <summary>What is to be done, at most 1000 characters.</summary>
    public string? Description { get; set; }

    /// <summary>The owner's login (sub): a staff member of the unit or of a unit above it.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Deadline in the tenant's time zone; null for an ongoing activity.</summary>
    public DateOnly? DueOn { get; set; }
}

/// <summary>GraphQL input <c>AddActivityInput</c>.</summary>
public sealed class AddActivityInputType : TypedInputType<AddActivityInput>
{
    /// <summary>Defines the fields.</summary>
    public AddActivityInputType()
    {
        Name = "AddActivityInput";
        Field<IdGraphType>("id").Description("Local id in the unit's plan; generated when omitted.");
        Field<NonNullGraphType<StringGraphType>>("title").Description("1–200 characters.");
        Field<StringGraphType>("titleZh").Description("Simplified Chinese title, 1–200 characters.");
        Field<StringGraphType>("description").Description("At most 1000 characters.");
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The owner's login (sub): a staff member of the unit or of a unit above it.");
        Field<DateOnlyGraphType>("dueOn").Description("Deadline (tenant's time zone); omit for an ongoing activity.");
    }
}

/// <summary>Input of <c>recordHazard</c> (R-7.6).</summary>
public sealed class RecordHazardInput
{
    /// <summary>Local id in the unit's ledger; generated when omitted.</summary>
    public string? Id { get; set; }

    /// <summary>Where, 1–200 characters.</summary>
    public string Place { get; set; } = "";

    /// <summary>What, 1–1000 characters.</summary>
    public string Hazard { get; set; } = "";

    /// <summary>Who fixes it: a staff member's login (sub) of the unit or of a unit above it.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Fix deadline in the tenant's time zone.</summary>
    public DateOnly FixBy { get; set; }
}

/// <summary>GraphQL input <c>RecordHazardInput</c>.</summary>
public sealed class RecordHazardInputType : TypedInputType<RecordHazardInput>
{
    /// <summary>Defines the fields.</summary>
    public RecordHazardInputType()
    {
        Name = "RecordHazardInput";
        Field<IdGraphType>("id").Description("Local id in the unit's ledger; generated when omitted.");
        Field<NonNullGraphType<StringGraphType>>("place").Description("Where, 1–200 characters.");
        Field<NonNullGraphType<StringGraphType>>("hazard").Description("What was found, 1–1000 characters.");
        Field<NonNullGraphType<StringGraphType>>("owner").Description("Who fixes it: a staff member's login (sub) of the unit or of a unit above it.");
        Field<NonNullGraphType<DateOnlyGraphType>>("fixBy").Description("Fix deadline (tenant's time zone).");
    }
}
