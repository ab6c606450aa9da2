using CareGrid.Grains.Visits;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>SetSpecialGroupsInput</c>, read as <see cref="SetSpecialGroupsInput"/>.</summary>
public sealed class SetSpecialGroupsInputType : TypedInputType<SetSpecialGroupsInput>
{
    /// <summary>Defines the fields.</summary>
    public SetSpecialGroupsInputType()
    {
        Name = "SetSpecialGroupsInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<SpecialGroup>>>>>("groups").Description("The R-7.2 groups, each at most once; empty removes the person from the ledger.");
        Field<StringGraphType>("helpNote").Description("The targeted help planned or given; at most 1000 characters.");
        Field<StringGraphType>("basicSituation").Description("The child's basic situation, one of the three knows of a left-behind child (R-6.2); at most 1000 characters.");
        Field<DateOnlyGraphType>("reviewOn").Description("The tenant-local day of the next review, today to two years ahead; required unless groups is empty.");
    }
}
