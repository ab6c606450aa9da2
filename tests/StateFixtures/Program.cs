// The state-fixture generator (docs/testing.md "State fixtures"): dotnet run --project tests/StateFixtures -- <output dir>
using CareGrid.StateFixtures;

const string Usage = """
    用法 / Usage: dotnet run --project tests/StateFixtures -- <输出目录 / output dir> [--overwrite]
      按 StateSamples 写出每个状态样本 <名称>.b64（grain 存储保存的字节，base64 编码）；已存在的文件保持不变，
      除非给出 --overwrite（样本记录的是旧版本存下的数据）。
      Writes every sample of StateSamples as <name>.b64 (the bytes grain storage keeps, base64-encoded); a file that
      exists is kept (it records what an older version stored) unless --overwrite is given.
      检入的样本在 / The checked-in fixtures live in: tests/CareGrid.Tests/Fixtures/state
    """;

if (args is ["-h" or "--help"])
{
    Console.WriteLine(Usage);
    return 0;
}

var overwrite = args.Contains("--overwrite");
var folders = args.Where(a => a != "--overwrite").ToArray();
if (folders is not [var folder] || string.IsNullOrWhiteSpace(folder) || folder.StartsWith('-'))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

foreach (var (path, bytes, written) in StateFixtureWriter.Write(folder, overwrite))
{
    Console.WriteLine(written ? $"wrote / 已写出  {path} ({bytes} bytes / 字节)" : $"kept / 保留    {path} (exists / 已存在)");
}

return 0;
