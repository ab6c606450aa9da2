using CareGrid.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CareGrid.Tests.Shape;

/// <summary>
/// The shape every source file in <c>src/</c> keeps (docs/testing.md "Source shape"): no file over
/// <see cref="MaxFileLines"/> physical lines and no method, constructor, destructor, operator, accessor or local function
/// over <see cref="MaxMemberLines"/> lines. Each <c>src/**/*.cs</c> outside <c>obj/</c> and <c>bin/</c> (generated code) is
/// parsed with Roslyn.
/// </summary>
/// <remarks>
/// What is counted: a file's physical lines (line breaks, plus a last line without one — what <c>wc -l</c> reports for a
/// file that ends in a line break), XML docs and blank lines included. A member's lines run from the first line of its
/// declaration — its attributes included — to the line of its closing brace (or of the <c>;</c> that ends an
/// expression body); leading trivia, so its XML doc comment and the comments above it, is not counted. A local function
/// counts both on its own and inside the member that holds it.
/// </remarks>
[Trait("tier", "domain")]
public sealed class SourceShapeShould
{
    /// <summary>The most physical lines a file in <c>src/</c> may have.</summary>
    public const int MaxFileLines = 400;

    /// <summary>The most lines a member body (declaration to closing brace) may have.</summary>
    public const int MaxMemberLines = 60;

    [Fact]
    public void Keep_every_source_file_and_member_short()
    {
        var violations = SourceFiles().SelectMany(Violations).ToList();

        Assert.True(violations.Count == 0,
            $"{violations.Count} shape violation(s) in src/ (files ≤ {MaxFileLines} lines, members ≤ {MaxMemberLines} lines):"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Measure_a_member_from_its_attributes_to_its_closing_brace_without_its_doc_comment()
    {
        const string source = """
            class C
            {
                /// <summary>Docs are not counted.</summary>
                /// <remarks>Neither is this.</remarks>
                [Obsolete]
                void M()
                {
                    int Local() => 1;
                }

                int P { get { return 1; } }
            }
            """;

        var members = Members(CSharpSyntaxTree.ParseText(source)).ToDictionary(m => m.Name, m => m.Lines);

        Assert.Equal(5, members["C.M"]);
        Assert.Equal(1, members["C.M.Local"]);
        Assert.Equal(1, members["C.P.get"]);
        Assert.Equal(3, PhysicalLines("a\nb\nc\n"));
        Assert.Equal(3, PhysicalLines("a\r\nb\r\nc"));
        Assert.Equal(0, PhysicalLines(""));
    }

    private static IEnumerable<string> SourceFiles()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(src, path).Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Violations(string path)
    {
        var text = File.ReadAllText(path);
        var relative = Path.GetRelativePath(RepoPaths.Root, path).Replace(Path.DirectorySeparatorChar, '/');
        var lines = PhysicalLines(text);
        if (lines > MaxFileLines)
        {
            yield return $"  {relative}: file has {lines} lines";
        }

        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), path);
        foreach (var (name, start, count) in Members(tree).Where(m => m.Lines > MaxMemberLines))
        {
            yield return $"  {relative}:{start}: {name} has {count} lines";
        }
    }

    /// <summary>Every member body in the tree: its dotted name, first line (1-based) and line count.</summary>
    private static IEnumerable<(string Name, int Start, int Lines)> Members(SyntaxTree tree)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                var span = node.GetLocation().GetLineSpan();
                yield return (NameOf(node), span.StartLinePosition.Line + 1, span.EndLinePosition.Line - span.StartLinePosition.Line + 1);
            }
        }
    }

    private static string NameOf(SyntaxNode node)
    {
        var parts = node.AncestorsAndSelf().Select(PartName).Where(p => p is not null).Reverse();
        return string.Join('.', parts);
    }

    private static string? PartName(SyntaxNode node) => node switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier.Text,
        MethodDeclarationSyntax method => method.Identifier.Text,
        ConstructorDeclarationSyntax constructor => constructor.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor",
        DestructorDeclarationSyntax => "Finalize",
        OperatorDeclarationSyntax op => "operator " + op.OperatorToken.Text,
        ConversionOperatorDeclarationSyntax conversion => "operator " + conversion.Type,
        PropertyDeclarationSyntax property => property.Identifier.Text,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax @event => @event.Identifier.Text,
        AccessorDeclarationSyntax accessor => accessor.Keyword.Text,
        LocalFunctionStatementSyntax local => local.Identifier.Text,
        _ => null,
    };

    /// <summary>Physical lines: line breaks (<c>\n</c>, <c>\r\n</c> counts once), plus one for a last line without a break.</summary>
    private static int PhysicalLines(string text) =>
        text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
}
