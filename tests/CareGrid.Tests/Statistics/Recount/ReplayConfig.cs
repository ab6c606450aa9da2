using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// Lets a developer replay a reported FsCheck failure or run more cases without editing the property:
/// <c>RECOUNT_REPLAY="seed,gamma,size"</c> (the triple FsCheck prints) and <c>RECOUNT_RUNS=n</c>. Unset, the config is unchanged.
/// </summary>
public static class ReplayConfig
{
    public static Config FromEnvironment(Config config)
    {
        if (Environment.GetEnvironmentVariable("RECOUNT_RUNS") is { Length: > 0 } runs)
        {
            config = config.WithMaxTest(int.Parse(runs, CultureInfo.InvariantCulture));
        }

        if (Environment.GetEnvironmentVariable("RECOUNT_REPLAY") is { Length: > 0 } replay)
        {
            var parts = replay.Trim('(', ')', ' ').Split(',');
            var rnd = new Rnd(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture));
            var size = parts.Length > 2 ? FSharpOption<int>.Some(int.Parse(parts[2], CultureInfo.InvariantCulture)) : FSharpOption<int>.None;
            config = config.WithReplay(FSharpOption<Replay>.Some(new Replay(rnd, size)));
        }

        return config;
    }
}
