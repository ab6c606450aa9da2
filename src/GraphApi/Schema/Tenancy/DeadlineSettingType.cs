using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>DeadlineSetting</c>.</summary>
public sealed class DeadlineSettingType : ObjectGraphType<DeadlineSetting>
{
    /// <summary>Defines the fields.</summary>
    public DeadlineSettingType()
    {
        this.ReachedThroughParent();
        Name = "DeadlineSetting";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field<NonNullGraphType<IntGraphType>>("amount").Resolve(ctx => ctx.Source.Spec.Amount);
        Field<NonNullGraphType<EnumerationGraphType<DeadlineUnit>>>("unit").Resolve(ctx => ctx.Source.Spec.Unit);
    }
}
