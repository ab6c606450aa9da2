namespace CareGrid.StateFixtures;

/// <summary>Writes the samples of <see cref="StateSamples.All"/> as <c>&lt;name&gt;.b64</c> into a folder.</summary>
public static class StateFixtureWriter
{
    /// <summary>
    /// Creates <paramref name="folder"/> when missing and writes each fixture there: the stored bytes base64-encoded with
    /// line breaks every 76 characters and a final line break. A fixture whose file exists is kept as it is (it records
    /// what an older version stored) unless <paramref name="overwrite"/> is set.
    /// </summary>
    /// <returns>Each fixture's path, the number of stored bytes it encodes and whether it was written now, in name order.</returns>
    public static IReadOnlyList<(string Path, int Bytes, bool Written)> Write(string folder, bool overwrite)
    {
        Directory.CreateDirectory(folder);
        var serializer = StateFixtureSerializer.Create();
        var results = new List<(string, int, bool)>();
        foreach (var (name, sample) in StateSamples.All.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var bytes = StateFixtureSerializer.SerializeAsStored(serializer, sample);
            var path = Path.Combine(folder, name + ".b64");
            var write = overwrite || !File.Exists(path);
            if (write)
            {
                File.WriteAllText(path, Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) + "\n");
            }

            results.Add((path, bytes.Length, write));
        }

        return results;
    }
}
