using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateDeadline</c>.</summary>
public sealed class TemplateDeadlineType : ObjectGraphType<TemplateDeadline>
{
    /// <summary>Defines the fields.</summary>
    public TemplateDeadlineType()
    {
        this.ReachedThroughParent();
        Name = "TemplateDeadline";
        Field(x => x.Task, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field(x => x.Amount);
        Field(x => x.Unit, type: typeof(NonNullGraphType<EnumerationGraphType<Grains.Calendar.DeadlineUnit>>));
    }
}
