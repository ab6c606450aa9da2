using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Schema.Access;
using CareGrid.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>
/// Every argument of the served schema that names a person accepts the external id too (docs/api.md, "External ids"): the
/// walk finds each person reference — an argument or input field named <c>personId</c> or <c>person</c>, the <c>id</c> of a
/// field about a Person, breakTheGlass's <c>id</c> — and fails unless it is declared (<see cref="PersonIdArguments"/>).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class PersonIdArgumentsShould(CareGridApiFactory factory)
{
    /// <summary>Arguments that look like person references but create the person (the id is new, nothing to resolve).</summary>
    private static readonly HashSet<string> Creating = ["registerPerson input.id"];

    /// <summary>Arguments named like person references on fields about a person that name something else (a visit's id in the person's log).</summary>
    private static readonly HashSet<string> NotPersons = ["logVisit input.id"];

    [Fact]
    public void Declare_every_person_id_argument_of_the_served_schema()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in new[] { schema.Query, schema.Mutation! })
        {
            foreach (var field in root.Fields)
            {
                declared.UnionWith(field.DeclaredPersonIds().Select(a => $"{field.Name} {a.Path}"));
                var aboutPerson = field.AuditRule()?.Entity == "Person" || field.Name == "breakTheGlass";
                foreach (var argument in field.Arguments ?? new QueryArguments())
                {
                    if (IsPersonReference(argument.Name, aboutPerson))
                    {
                        expected.Add($"{field.Name} {argument.Name}");
                    }

                    if (argument.ResolvedType?.GetNamedType() is IInputObjectGraphType input)
                    {
                        expected.UnionWith(input.Fields.Where(f => IsPersonReference(f.Name, aboutPerson)).Select(f => $"{field.Name} {argument.Name}.{f.Name}"));
                    }
                }
            }
        }

        expected.ExceptWith(Creating);
        expected.ExceptWith(NotPersons);

        Assert.True(expected.SetEquals(declared),
            $"Undeclared person-id arguments: {string.Join(", ", expected.Except(declared))}; declared but not person references: {string.Join(", ", declared.Except(expected))}");
        Assert.Contains("reportConcern input.personId", declared);
        Assert.Contains("exportPerson id", declared);
    }

    [Fact]
    public void Resolve_nested_person_ids_only_through_inputs_that_keep_the_sent_dictionary()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        foreach (var root in new[] { schema.Query, schema.Mutation! })
        {
            foreach (var field in root.Fields)
            {
                foreach (var path in field.DeclaredPersonIds().Select(a => a.Path.Split('.')).Where(p => p.Length == 2))
                {
                    var input = field.Arguments!.Find(path[0])!.ResolvedType!.GetNamedType();
                    var kept = input.GetType().BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(TypedInputType<>)
                        || input.GetType().GetMethod(nameof(InputObjectGraphType.ParseDictionary))!.DeclaringType == input.GetType();
                    Assert.True(kept, $"{field.Name}: {path[0]} must keep the sent dictionary");
                }
            }
        }
    }

    private static bool IsPersonReference(string name, bool aboutPerson) =>
        name is "personId" or "person" || name.EndsWith("PersonId", StringComparison.Ordinal) || name.EndsWith("PersonIds", StringComparison.Ordinal)
        || (aboutPerson && name == "id");
}
