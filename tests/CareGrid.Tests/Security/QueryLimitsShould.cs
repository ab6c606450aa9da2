using CareGrid.GraphApi.Hardening;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using GraphQLParser;
using Xunit.Abstractions;
using CareGrid.GraphApi.Http;

namespace CareGrid.Tests.Security;

/// <summary>
/// The query limits (depth, aliases, cost, introspection) over the real GraphQL endpoint: every fragment bomb of
/// <see cref="QueryBombs"/> is refused with its own stable code and nothing else (GraphQL for .NET's rules never run on
/// it), the measuring pass does work linear in the document, every limit counts a fragment as if written inline, and
/// the standard introspection query of graphql-js passes under the default limits (docs/query-limits.md).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueryLimitsShould(CareGridApiFactory factory, ITestOutputHelper output)
{
    public static TheoryData<string> BombNames()
    {
        var names = new TheoryData<string>();
        foreach (var bomb in QueryBombs.All)
        {
            names.Add(bomb.Name);
        }

        return names;
    }

    public static TheoryData<string> CappedFloodNames()
    {
        var names = new TheoryData<string>();
        foreach (var flood in QueryBombs.CappedFloods)
        {
            names.Add(flood.Name);
        }

        return names;
    }

    private string Caseworker => factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);

    [Theory]
    [MemberData(nameof(BombNames))]
    public async Task Refuse_each_fragment_bomb_with_its_own_code_before_any_other_rule(string name)
    {
        var bomb = QueryBombs.All.Single(b => b.Name == name);
        Assert.True(bomb.Query.Length < 256 * 1024 - 64, $"{name} is {bomb.Query.Length} characters");
        var response = await factory.GraphQL().PostAsync("/t/demo-school/graphql", bomb.Query, operationName: bomb.OperationName, token: Caseworker);
        output.WriteLine($"{name} ({bomb.Query.Length} chars): {response.Status} {response.Body?.ToJsonString()[..Math.Min(300, response.Body!.ToJsonString().Length)]}");
        Assert.Equal(bomb.Code, response.FirstCode);
        Assert.Single(response.Errors!);
        Assert.Null(response.Data);
    }

    [Theory]
    [MemberData(nameof(CappedFloodNames))]
    public async Task Stop_validating_a_flood_within_the_node_caps_after_the_first_errors(string name)
    {
        var flood = QueryBombs.CappedFloods.Single(b => b.Name == name);
        Assert.True(flood.Query.Length < 256 * 1024 - 64, $"{name} is {flood.Query.Length} characters");
        Assert.Null(new QueryLimitsValidationRule(new GraphQLLimitsOptions(), introspectionAllowed: true).Check(Parser.Parse(flood.Query)));
        var response = await factory.GraphQL().PostAsync("/t/demo-school/graphql", flood.Query, operationName: flood.OperationName, token: Caseworker);
        output.WriteLine($"{name} ({flood.Query.Length} chars): {response.Errors!.Count} errors, first: {response.Errors![0]!["message"]}");
        Assert.Equal(flood.Code, response.FirstCode);
        Assert.Null(response.Data);

        // At most MaxValidationErrors (20) from rules checking node by node, plus what one rule reports at a single node
        // (every undefined variable of an operation, at most MaxVariableReferences = 64).
        Assert.InRange(response.Errors!.Count, 1, 20 + 64);
    }

    [Theory]
    [InlineData("8000 unused variable definitions", "MaxVariables")]
    [InlineData("8000 unknown variable types", "MaxVariables")]
    [InlineData("8000 undefined variables in one list", "MaxVariableReferences")]
    [InlineData("20000 unknown arguments on one field", "MaxArgumentsPerField")]
    [InlineData("20000 duplicate arguments", "MaxArgumentsPerField")]
    [InlineData("unknown arguments spread over fields", "MaxArguments")]
    [InlineData("15000 unknown input-object fields", "MaxInputValues")]
    [InlineData("60000 list items", "MaxInputValues")]
    [InlineData("20000 unknown directives", "MaxDirectives")]
    [InlineData("5000 operations", "MaxOperations")]
    [InlineData("4990 unknown fields after a comment", "MaxSelections")]
    [InlineData("2080 conflicting field pairs after a comment", "MaxValidationErrors")]
    [InlineData("conflicting fields through fragments", "MaxValidationErrors")]
    public async Task Name_the_exceeded_node_cap_in_the_extensions(string name, string limit)
    {
        var flood = QueryBombs.All.Single(b => b.Name == name);
        var response = await factory.GraphQL().PostAsync("/t/demo-school/graphql", flood.Query, operationName: flood.OperationName, token: Caseworker);
        Assert.Equal(TransportErrorCodes.QueryTooComplex, response.FirstCode);
        Assert.Equal(limit, response.Errors![0]!["extensions"]!["limit"]!.GetValue<string>());
        Assert.Contains(limit, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_a_roster_of_200_KB_passed_as_one_string_literal()
    {
        var rows = string.Concat(Enumerable.Range(0, 8000).Select(i => $"x{i:D6},Person {i:D6} Example\\n"));
        var query = "mutation { importRoster(organizationId: \"no-such-unit\", csv: \"externalId,displayName\\n" + rows + "\") { id total } }";
        Assert.InRange(query.Length, 200_000, 256 * 1024 - 1024);
        Assert.Null(new QueryLimitsValidationRule(new GraphQLLimitsOptions(), introspectionAllowed: false).Check(Parser.Parse(query)));
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var response = await factory.GraphQL().PostAsync("/t/demo-school/graphql", query, token: admin);
        output.WriteLine(response.Body!.ToJsonString());

        // The document passed every limit and GraphQL validation: the resolver ran and refused the unknown unit.
        Assert.Equal(ErrorCodes.NotFound, response.FirstCode);
        Assert.Equal("importRoster", response.Errors![0]!["path"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Refuse_unusable_limit_settings_at_start()
    {
        Assert.Contains("GraphQL:Limits:MaxValidationErrors", Assert.Throws<InvalidOperationException>(() => new GraphQLLimitsOptions { MaxValidationErrors = 0 }.Validate()).Message,
            StringComparison.Ordinal);
        Assert.Contains("GraphQL:Limits:MaxArguments", Assert.Throws<InvalidOperationException>(() => new GraphQLLimitsOptions { MaxArguments = -1 }.Validate()).Message,
            StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new GraphQLLimitsOptions { TimeoutSeconds = 0 }.Validate());
        new GraphQLLimitsOptions().Validate();
    }

    [Theory]
    [MemberData(nameof(BombNames))]
    public void Measure_each_bomb_with_work_linear_in_its_size(string name)
    {
        var bomb = QueryBombs.All.Single(b => b.Name == name);
        var document = Parser.Parse(bomb.Query);
        var shape = DocumentShape.Of(document);

        // Every selection is visited at most three times (spread collection, and one measure outside and one inside
        // introspection for fragments) plus once per spread edge, and every selection takes at least two characters.
        Assert.True(shape.NodesVisited <= 3L * bomb.Query.Length, $"{name}: {shape.NodesVisited} nodes for {bomb.Query.Length} characters");
        if (shape.Cycle is null && shape.FragmentNesting <= DocumentShape.MaxFragmentNesting && shape.Cost <= 5000)
        {
            // Only documents whose cost is within the limit are expanded, and the expansion stops at a fixed bound.
            var repeated = RepeatedFields.Count(document, shape.Cost, 5000 - shape.Cost);
            Assert.True(repeated.NodesVisited <= 5001L * ((2 * DocumentShape.MaxFragmentNesting) + 2) + 1, $"{name}: {repeated.NodesVisited} nodes expanded");
        }
    }

    [Theory]
    [InlineData("{ ...F } fragment F on Query { a: me { subject } b: me { ...G } } fragment G on Viewer { s: subject t: roles }",
                "{ a: me { subject } b: me { s: subject t: roles } }")]
    [InlineData("{ ...F ...F ...F } fragment F on Query { cases(first: 7) { nodes { ...N } } } fragment N on Case { id x: status }",
                "{ cases(first: 7) { nodes { id x: status } } cases(first: 7) { nodes { id x: status } } cases(first: 7) { nodes { id x: status } } }")]
    [InlineData("{ me { ... on Viewer { ...F } } } fragment F on Viewer { ... { r: roles } }", "{ me { ... on Viewer { ... { r: roles } } } }")]
    [InlineData("{ __schema { types { ...T } } } fragment T on __Type { kind ofType { ...R } } fragment R on __Type { name ofType { name } }",
                "{ __schema { types { kind ofType { name ofType { name } } } } }")]
    public void Count_a_fragment_as_if_it_were_written_inline(string withFragments, string inline)
    {
        var spread = DocumentShape.Of(Parser.Parse(withFragments));
        var written = DocumentShape.Of(Parser.Parse(inline));
        Assert.Equal((written.Depth, written.Aliases, written.Cost), (spread.Depth, spread.Aliases, spread.Cost));
        Assert.Equal(RepeatedFields.Count(Parser.Parse(inline), 5000, 5000).Pairs, RepeatedFields.Count(Parser.Parse(withFragments), 5000, 5000).Pairs);
    }

    [Fact]
    public async Task Count_aliases_inside_a_fragment_at_every_spread()
    {
        var fifteen = string.Concat(Enumerable.Range(0, 15).Select(i => $"a{i}: __typename "));
        var client = factory.GraphQL();
        var twice = await client.PostAsync("/t/demo-school/graphql", "{ ...A ...A } fragment A on Query { " + fifteen + "}", token: Caseworker);
        twice.EnsureNoErrors();
        var thrice = await client.PostAsync("/t/demo-school/graphql", "{ ...A ...A ...A } fragment A on Query { " + fifteen + "}", token: Caseworker);
        Assert.Equal(TransportErrorCodes.TooManyAliases, thrice.FirstCode);
        Assert.Contains("45 aliases", thrice.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_depth_through_fragments()
    {
        var deep = QueryBombs.Chain(12, "me { % }");
        var response = await factory.GraphQL().PostAsync("/t/demo-school/graphql", deep, token: Caseworker);
        Assert.Equal(TransportErrorCodes.QueryTooDeep, response.FirstCode);
        Assert.Contains("13 levels", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Answer_the_standard_introspection_query_of_graphql_js_under_the_default_limits()
    {
        var query = await IntrospectionQuery.FromGraphQLJsAsync();
        var response = await factory.GraphQL().PostAsync("/graphql", query, operationName: "IntrospectionQuery");
        response.EnsureNoErrors();
        Assert.True(response.Data!["__schema"]!["types"]!.AsArray().Count > 20);
        var shape = DocumentShape.Of(Parser.Parse(query));
        output.WriteLine($"graphql-js introspection query: depth {shape.Depth} (ofType levels not counted), {shape.Aliases} aliases, cost {shape.Cost}");
    }
}

/// <summary>The service with introspection switched off (<c>GraphQL:Limits:Introspection=false</c>).</summary>
public sealed class NoIntrospectionApiFactory : CareGridApiFactory
{
    protected override bool SeedDemo => false;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Limits:Introspection", "false");
    }
}

/// <summary>Where introspection is switched off, the standard introspection query is refused with <c>INTROSPECTION_DISABLED</c>.</summary>
public sealed class IntrospectionSwitchedOffShould : IClassFixture<NoIntrospectionApiFactory>
{
    private readonly NoIntrospectionApiFactory _factory;

    public IntrospectionSwitchedOffShould(NoIntrospectionApiFactory factory) => _factory = factory;

    [SkippableFact]
    public async Task Refuse_the_standard_introspection_query()
    {
        var query = await IntrospectionQuery.FromGraphQLJsAsync();
        var response = await _factory.GraphQL().PostAsync("/graphql", query, operationName: "IntrospectionQuery");
        Assert.Equal(TransportErrorCodes.IntrospectionDisabled, response.FirstCode);
        var inFragment = await _factory.GraphQL().PostAsync("/graphql", "{ ...F } fragment F on Query { __type(name: \"Case\") { name } }");
        Assert.Equal(TransportErrorCodes.IntrospectionDisabled, inFragment.FirstCode);
    }
}
