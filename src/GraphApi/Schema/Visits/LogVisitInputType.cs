using CareGrid.Grains.Visits;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>LogVisitInput</c>, read as <see cref="LogVisitInput"/>.</summary>
public sealed class LogVisitInputType : TypedInputType<LogVisitInput>
{
    /// <summary>Defines the fields.</summary>
    public LogVisitInputType()
    {
        Name = "LogVisitInput";
        Field<IdGraphType>("id").Description("The visit's id in the person's log (1–64 letters, digits, '-', '_'); omit to generate. The same id with the same details answers the logged visit (a safe retry).");
        Field<NonNullGraphType<EnumerationGraphType<VisitKind>>>("kind").Description("Home visit, one-to-one talk, group activity or online contact with the parents (R-6.2, R-7.3, R-2.2).");
        Field<NonNullGraphType<DateOnlyGraphType>>("on").Description("The tenant-local day of the visit: not after today, at most 366 days back.");
        Field<StringGraphType>("note").Description("What was learned or agreed; at most 500 characters.");
    }
}
