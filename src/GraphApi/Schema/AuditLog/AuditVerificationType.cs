using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>AuditVerification</c>.</summary>
public sealed class AuditVerificationType : ObjectGraphType<AuditVerification>
{
    /// <summary>Defines the fields.</summary>
    public AuditVerificationType()
    {
        Name = "AuditVerification";
        this.ReachedThroughParent();
        Field(x => x.Intact);
        Field(x => x.Checked, type: typeof(NonNullGraphType<LongGraphType>));
        Field(x => x.BrokenAt, type: typeof(LongGraphType));
        Field(x => x.Problem, nullable: true);
    }
}

