using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Jurisdiction</c>: the template a tenant runs on.</summary>
public sealed class JurisdictionType : ObjectGraphType<JurisdictionInfo>
{
    /// <summary>Defines the fields.</summary>
    public JurisdictionType()
    {
        this.ReachedThroughParent();
        Name = "Jurisdiction";
        Field(x => x.Template, type: typeof(JurisdictionTemplateType)).Description("Null when no template applies.");
        Field(x => x.Applied).Description("True when applied at onboarding (or by applyJurisdictionTemplate); false: the kind's default template is used for roles and health rules.");
        Field(x => x.AppliedAt, nullable: true);
        Field(x => x.AppliedBy, nullable: true);
    }
}
