using CareGrid.Grains.Staff;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>WorkReassignment</c>: the answer of <c>reassignWork</c> (docs/staff-changes.md).</summary>
public sealed class WorkReassignmentType : ObjectGraphType<WorkReassignmentResult>
{
    /// <summary>Defines the fields.</summary>
    public WorkReassignmentType()
    {
        this.ReachedThroughParent();
        Name = "WorkReassignment";
        Field(x => x.FromPersonId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The departing member's person id.");
        Field(x => x.FromSubject).Description("Their login sub, the owner the work was moved from.");
        Field(x => x.Reason).Description("The reason given; on every timeline entry.");
        Field(x => x.Cases, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<WorkMovedType>>>))
            .Description("The cases moved (their owner is now the receiver), high-risk first.");
        Field(x => x.Tasks, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<WorkMovedType>>>))
            .Description("The open tasks moved (their owner is now the receiver).");
        Field(x => x.NotMoved, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<WorkMovedType>>>))
            .Description("Planned moves left undone because the work changed meanwhile (closed, escalated past the receiver, or taken by someone else).");
        Field(x => x.RemainingCases).Description("Open cases of the departing member in your scope left for another call (at most 500 items move per call).");
        Field(x => x.RemainingTasks).Description("Open tasks likewise.");
        Field<IntGraphType>("outsideScopeCases").Resolve(c => c.Source.OutsideScopeHidden ? null : c.Source.OutsideScopeCases)
            .Description("TenantAdmin only (null for a Coordinator): open cases of the departing member outside the caller's scope, not moved. Always 0 for a TenantAdmin today.");
        Field<IntGraphType>("outsideScopeTasks").Resolve(c => c.Source.OutsideScopeHidden ? null : c.Source.OutsideScopeTasks)
            .Description("TenantAdmin only (null for a Coordinator): open tasks outside the caller's scope likewise.");
        Field(x => x.Complete).Description("True when nothing of the departing member's work in your scope is left; false: call reassignWork again (with a new idempotency key).");
    }
}
