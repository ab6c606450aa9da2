using CareGrid.GraphApi.Schema.Access;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>
/// Every field of the served schema declares who may call it and what it audits, enforced in one place
/// (<see cref="FieldAccessMiddleware"/>): the walk fails for any field that declares neither, or only one of the two
/// (docs/api.md, "Access and audit").
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class SchemaAccessShould(CareGridApiFactory factory)
{
    [Fact]
    public void Find_no_field_of_the_served_schema_without_an_access_rule_and_an_audit_class()
    {
        var findings = SchemaAccessWalk.Undeclared(factory.Services.GetRequiredService<ISchema>());

        Assert.True(findings.Count == 0, "Undeclared fields:\n" + string.Join("\n", findings.Select(f => $"{f.Field}: no {f.Missing}")));
    }

    [Fact]
    public void Match_the_access_table_of_docs_access_md()
    {
        var expected = AccessTable.Markdown(factory.Services.GetRequiredService<ISchema>()).ReplaceLineEndings("\n");
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "access.md")).ReplaceLineEndings("\n");
        const string Begin = "<!-- access-table:begin -->\n", End = "<!-- access-table:end -->";
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/access.md has no access-table markers.");

        var actual = doc[(start + Begin.Length)..end];

        Assert.True(expected == actual, "docs/access.md differs from the declarations; the table should be:\n" + expected);
    }

    [Fact]
    public void Fail_for_a_field_added_without_declarations()
    {
        var schema = TinySchema(query =>
        {
            query.Field<StringGraphType>("declared").AllowTenantRoles(Roles.CaseStaff).AuditsNothing("test field").Resolve(_ => "ok");
            query.Field<StringGraphType>("forgotten").Resolve(_ => "leak");
            query.Field<StringGraphType>("halfDeclared").AllowPlatformAdmin().Resolve(_ => "leak");
        });

        var findings = SchemaAccessWalk.Undeclared(schema);

        Assert.Equal(
            [new SchemaAccessWalk.Finding("Query.forgotten", "access rule and audit class"), new SchemaAccessWalk.Finding("Query.halfDeclared", "audit class")],
            findings);
    }

    [Fact]
    public void Let_the_fields_of_a_type_reached_through_a_declared_parent_inherit_its_decision()
    {
        var child = new ObjectGraphType { Name = "Child" };
        child.Field<StringGraphType>("name").Resolve(_ => "x");
        child.ReachedThroughParent();
        var orphan = new ObjectGraphType { Name = "Orphan" };
        orphan.Field<StringGraphType>("name").Resolve(_ => "x");
        var schema = TinySchema(query =>
        {
            query.Field("child", child).AllowTenantRoles(Roles.CaseStaff).AuditsRead("Case").Resolve(_ => new object());
            query.Field("orphan", orphan).AllowTenantRoles(Roles.CaseStaff).AuditsRead("Case").Resolve(_ => new object());
        });

        var findings = SchemaAccessWalk.Undeclared(schema);

        Assert.Equal([new SchemaAccessWalk.Finding("Orphan.name", "access rule and audit class")], findings);
    }

    [Fact]
    public void Refuse_a_declaration_made_twice()
    {
        Assert.Throws<InvalidOperationException>(() => TinySchema(query =>
            query.Field<StringGraphType>("twice").AllowPlatformAdmin().AllowAnyone()));
    }

    private static GraphQL.Types.Schema TinySchema(Action<ObjectGraphType> fields)
    {
        var query = new ObjectGraphType { Name = "Query" };
        fields(query);
        return new GraphQL.Types.Schema { Query = query };
    }
}
