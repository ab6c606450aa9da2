using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Http;

/// <summary>
/// A tiny schema for exercising the HTTP layer on its own: <c>hello(name)</c> and <c>double(n: Int!)</c> queries
/// and an <c>increment</c> mutation that counts in <see cref="MutationCounter"/> (to prove a refused mutation
/// did not run).
/// </summary>
public sealed class TestSchema : Schema
{
    public TestSchema(IServiceProvider services)
        : base(services)
    {
        Query = new TestQuery();
        Mutation = new TestMutation();
    }
}

public sealed class TestQuery : ObjectGraphType
{
    public TestQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("hello")
            .Argument<StringGraphType>("name")
            .Resolve(context => $"Hello, {context.GetArgument<string?>("name") ?? "world"}!");
        Field<NonNullGraphType<IntGraphType>>("double")
            .Argument<NonNullGraphType<IntGraphType>>("n")
            .Resolve(context => context.GetArgument<int>("n") * 2);
    }
}

public sealed class TestMutation : ObjectGraphType
{
    public TestMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<IntGraphType>>("increment")
            .Resolve(context => context.RequestServices!.GetRequiredService<MutationCounter>().Increment());
    }
}

/// <summary>Counts executed <c>increment</c> mutations.</summary>
public sealed class MutationCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Increment() => Interlocked.Increment(ref _count);
}
