using System.Diagnostics;
using OpenTelemetry;

namespace CareGrid.Silo.Observability;

/// <summary>
/// Keeps staff subjects (often e-mail addresses) out of exported traces (docs/observability.md "Traces"). Orleans' activity
/// propagation tags every grain call with the grain ids of both ends, and some grain keys are built from a subject
/// (<see cref="SubjectScrubber"/>). When a span ends, before any exporter sees it (the exporter's processor runs last), this
/// processor rewrites:
/// <list type="bullet">
/// <item>every grain-id tag (<see cref="SubjectScrubber.IsGrainIdTag"/>): the grain type stays, the key becomes a token
/// (<see cref="SubjectScrubber.ScrubGrainId"/>);</item>
/// <item>every other string tag, the span name, the status description and the string tags of every event (an exception's
/// <c>exception.message</c> and <c>exception.stacktrace</c>, which name the grain when a call fails):
/// <see cref="SubjectScrubber.Scrub"/>.</item>
/// </list>
/// </summary>
public sealed class GrainIdScrubbingProcessor(SubjectScrubber scrubber) : BaseProcessor<Activity>
{
    /// <summary>Rewrites the tags, name, status description and event tags of <paramref name="data"/> as the class documentation says.</summary>
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<KeyValuePair<string, string>>? changed = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is not string value)
            {
                continue;
            }

            var scrubbed = SubjectScrubber.IsGrainIdTag(tag.Key) ? scrubber.ScrubGrainId(value) : scrubber.Scrub(value);
            if (!string.Equals(scrubbed, value, StringComparison.Ordinal))
            {
                (changed ??= []).Add(new(tag.Key, scrubbed));
            }
        }

        foreach (var (key, value) in changed ?? [])
        {
            data.SetTag(key, value);
        }

        data.DisplayName = scrubber.Scrub(data.DisplayName);
        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, scrubber.Scrub(description));
        }

        foreach (var recorded in data.Events)
        {
            ScrubEventTags(recorded);
        }
    }

    /// <summary>
    /// An event's tags are an <see cref="ActivityTagsCollection"/> (its only constructor takes one), which the exporter reads
    /// later: its string values are rewritten in place.
    /// </summary>
    private void ScrubEventTags(ActivityEvent recorded)
    {
        if (recorded.Tags is not ActivityTagsCollection tags)
        {
            return;
        }

        var changed = new List<KeyValuePair<string, string>>();
        foreach (var tag in tags)
        {
            if (tag.Value is string value && scrubber.Scrub(value) is var scrubbed && !string.Equals(scrubbed, value, StringComparison.Ordinal))
            {
                changed.Add(new(tag.Key, scrubbed));
            }
        }

        foreach (var (key, value) in changed)
        {
            tags[key] = value;
        }
    }
}
