using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// An input object that resolvers read as <typeparamref name="TInput"/> with <c>ctx.GetArgument&lt;TInput&gt;("input")</c>.
/// The request's argument keeps the dictionary of the fields actually sent (GraphQL for .NET converts it on
/// <c>GetArgument</c>), so a WRITE audit record still names each field written as <c>input.name</c>
/// (<see cref="Access.AuditRecords"/>; docs/api.md, "Access and audit").
/// </summary>
/// <typeparam name="TInput">The C# input class; its properties match the GraphQL field names (case-insensitively).</typeparam>
public abstract class TypedInputType<TInput> : InputObjectGraphType<TInput>
{
    /// <summary>Returns <paramref name="value"/> unchanged: the conversion to <typeparamref name="TInput"/> happens in <c>GetArgument</c>.</summary>
    public override object ParseDictionary(IDictionary<string, object?> value) => value;
}
