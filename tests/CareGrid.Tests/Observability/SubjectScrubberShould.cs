using CareGrid.Silo.Observability;

namespace CareGrid.Tests.Observability;

/// <summary>
/// The scrubber shared by the traces, the OTLP logs and the console (docs/observability.md "Traces", "Logs"): in free text the
/// subject of every grain key built from a staff subject (<c>{tenant}/staff:{subject}</c>, <c>{tenant}/receipts/{subject}</c>) —
/// alone, in an Orleans grain id or in an activation — becomes a token, whatever the subject holds; a file path that merely holds
/// <c>receipts/</c> or <c>staff:</c> (a checkout under such a directory, in a stack trace) stays as it is.
/// </summary>
[Trait("tier", "domain")]
public sealed class SubjectScrubberShould
{
    private const string Token = "#[0-9a-f]{16}";

    /// <summary>Subjects as they come: e-mail addresses, bare login names, opaque ids, non-ASCII names, provider-prefixed ids.</summary>
    public static TheoryData<string> Subjects() =>
    [
        "wren.okafor@demo-school",
        "wren.okafor",
        "8c1f0a2e-5b7d-4e3a-9f61-2d4c8b0e7a13",
        "zoë.ngata",
        "王芳@學校.example",
        "auth0|wren.kofi/7",
    ];

    /// <summary>Each form a subject-bearing key takes in telemetry text, with <c>{s}</c> for the subject, and what must stay before the token.</summary>
    public static TheoryData<string, string> KeyForms() => new()
    {
        { "demo-school/staff:{s}", "demo-school/staff:" },
        { "demo-school/receipts/{s}", "demo-school/receipts/" },
        { "Grain key demo-school/staff:{s} refused", "Grain key demo-school/staff:" },
        { "key=\"demo-school/receipts/{s}\"", "key=\"demo-school/receipts/" },
        { "Activating grain staff-scope/demo-school/staff:{s} for message Request", "Activating grain staff-scope/demo-school/staff:" },
        { "Looking up address for grain report-receipts/demo-school/receipts/{s}", "Looking up address for grain report-receipts/demo-school/receipts/" },
        { "[GrainAddress GrainId staff-scope/school-42/staff:{s}, ActivationId: @4f1c]", "[GrainAddress GrainId staff-scope/school-42/staff:" },
        { "Activating grain [Activation: S127.0.0.1:11111:99887766/staff-scope/demo-school/staff:{s}@2f0c1e#GrainType=CareGrid.Grains.Security.StaffScopeGrain,CareGrid.Grains State=Valid]",
            "Activating grain [Activation: S127.0.0.1:11111:99887766/staff-scope/demo-school/staff:" },
        { "[Activation: S[::1]:11111:5/report-receipts/demo-school/receipts/{s}@2f0c1e State=Valid]", "[Activation: S[::1]:11111:5/report-receipts/demo-school/receipts/" },
        // A grain type other than today's two, standing alone or after a silo address: still a grain id.
        { "grain staff-directory/demo-school/staff:{s}", "grain staff-directory/demo-school/staff:" },
        { "[Activation: S10.0.0.5:11111:4711/staff-directory/demo-school/receipts/{s}@1a State=Valid]", "[Activation: S10.0.0.5:11111:4711/staff-directory/demo-school/receipts/" },
        // Inside a path-like chain, the grain types keyed by a subject are recognised wherever they stand.
        { "/silo-a/staff-scope/demo-school/staff:{s}", "/silo-a/staff-scope/demo-school/staff:" },
        // JSON that escapes '/'.
        { "{\"grain\":\"report-receipts\\/demo-school\\/receipts\\/{s}\"}", "{\"grain\":\"report-receipts\\/demo-school\\/receipts\\/" },
        // The key part alone, without its tenant (as the scrubber always took it).
        { "staff:{s}", "staff:" },
        { "receipts/{s}", "receipts/" },
        { "No scope for (staff:{s})", "No scope for (staff:" },
    };

    [Theory]
    [MemberData(nameof(KeyForms))]
    public void Replace_the_subject_of_each_grain_key_form_by_a_token(string form, string kept)
    {
        var scrubber = new SubjectScrubber();
        foreach (var subject in Subjects())
        {
            var scrubbed = scrubber.Scrub(form.Replace("{s}", subject, StringComparison.Ordinal));

            Assert.DoesNotContain(subject, scrubbed, StringComparison.Ordinal);
            // Nor any distinctive part of it (each holds a letter that no hex token does; a part the form holds anyway, such as the
            // tenant of an e-mail address, is left out).
            foreach (var part in subject.Split('@', '.', '|', '/').Where(p => p.Length > 1 && !form.Contains(p, StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(part, scrubbed, StringComparison.Ordinal);
            }

            Assert.StartsWith(kept + "#", scrubbed, StringComparison.Ordinal);
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(kept) + Token, scrubbed);
        }
    }

    [Fact]
    public void Give_a_subject_the_same_token_in_each_key_form()
    {
        var scrubber = new SubjectScrubber();
        const string subject = "wren.okafor";

        var alone = scrubber.Scrub("demo-school/staff:" + subject);
        var grainId = scrubber.Scrub("grain staff-scope/demo-school/staff:" + subject);
        var activation = scrubber.Scrub("[Activation: S127.0.0.1:11111:1/staff-scope/demo-school/staff:" + subject + " State=Valid]");
        var receipts = scrubber.Scrub("grain report-receipts/demo-school/receipts/" + subject);

        Assert.Equal("grain staff-scope/" + alone, grainId);
        Assert.Equal("[Activation: S127.0.0.1:11111:1/staff-scope/" + alone + " State=Valid]", activation);
        Assert.Equal(alone[alone.IndexOf('#', StringComparison.Ordinal)..], receipts[receipts.IndexOf('#', StringComparison.Ordinal)..]);
        Assert.NotEqual(alone, new SubjectScrubber().Scrub("demo-school/staff:" + subject)); // another process, another key
    }

    [Theory]
    [InlineData("/home/jane/receipts/caregrid/src/Silo/Observability/SubjectScrubber.cs")]
    [InlineData("/home/me/receipts/caregrid/tests/CareGrid.Tests/Observability/CareGridConsoleFormatterShould.cs:line 120")]
    [InlineData("/tmp/x/receipts/cg/src/Silo/Program.cs")]
    [InlineData("/work/receipts/caregrid/src/Grains/Cases/Receipts/ReportReceiptsGrain.cs")]
    [InlineData("/srv/build-agent/staff:nightly/caregrid/src/Silo/Program.cs")]
    [InlineData("/builds/acme-corp/receipts/staff:x/caregrid/src/Silo/Program.cs")]
    [InlineData("/home/jane/report-receipts/receipts/src/staff:x.cs")]
    [InlineData("/home/zoë/demo-school/receipts/caregrid/src/x.cs")]
    [InlineData("/home/jane/ci+2/demo-school/receipts/caregrid/src/x.cs")]
    [InlineData("file:///home/jane/receipts/caregrid/README.md")]
    [InlineData("Loaded /opt/caregrid/receipts/appsettings.json and /opt/caregrid/staff:list.txt")]
    [InlineData(@"C:\Users\jane\receipts\caregrid\src\Silo\Program.cs")]
    public void Leave_a_file_path_holding_receipts_or_staff_as_it_is(string path)
    {
        Assert.Equal(path, new SubjectScrubber().Scrub(path));
    }

    [Fact]
    public void Scrub_the_key_a_stack_trace_names_and_leave_its_file_paths_as_they_are()
    {
        var scrubber = new SubjectScrubber();
        const string frame = "   at CareGrid.Grains.Security.StaffScopeGrain.Resolve() in /home/jane/receipts/caregrid/src/Grains/Security/StaffScopeGrain.cs:line 80";
        const string other = "   at CareGrid.Grains.Cases.Receipts.ReportReceiptsGrain.Page() in /srv/build-agent/staff:ci/caregrid/src/Grains/Cases/Receipts/ReportReceiptsGrain.cs:line 99";
        var text = "System.InvalidOperationException: Grain staff-scope/demo-school/staff:wren.okafor failed\n" + frame + "\n" + other;

        var scrubbed = scrubber.Scrub(text);

        Assert.DoesNotContain("wren.okafor", scrubbed, StringComparison.Ordinal);
        Assert.Matches("^System.InvalidOperationException: Grain staff-scope/demo-school/staff:" + Token + " failed\n", scrubbed);
        Assert.EndsWith("\n" + frame + "\n" + other, scrubbed, StringComparison.Ordinal);
        Assert.Equal(frame, scrubber.Scrub(frame));
    }

    [Fact]
    public void Still_replace_a_word_holding_an_at_sign_even_inside_a_file_path()
    {
        var scrubbed = new SubjectScrubber().Scrub("   at X.Y() in /home/wren.okafor@demo-school/receipts/caregrid/src/X.cs:line 3");

        Assert.DoesNotContain("wren.okafor", scrubbed, StringComparison.Ordinal);
        Assert.Matches("^   at X.Y\\(\\) in /home/" + Token + "/receipts/caregrid/src/X.cs:line 3$", scrubbed);
    }

    [Fact]
    public void Return_text_without_a_key_word_or_at_sign_as_the_same_instance()
    {
        const string text = "Case case-42 escalated: 2 tasks overdue";

        Assert.Same(text, new SubjectScrubber().Scrub(text));
    }
}
