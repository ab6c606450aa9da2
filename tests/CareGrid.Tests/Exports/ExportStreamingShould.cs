using System.Net;
using System.Runtime.CompilerServices;
using CareGrid.Grains.Exports;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Exports;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Exports;

/// <summary>
/// The export route streams (docs/statistics.md "Exports"): with a source whose second half of rows only exists once
/// the test allows it, the client reads the headers and the first rows while the server is still producing — a route
/// that buffered the file could not answer before the gate opens, and the test fails on its bounded wait.
/// </summary>
[Trait("tier", "api")]
public sealed class ExportStreamingShould : IClassFixture<ExportStreamingShould.Factory>
{
    private readonly Factory _factory;

    public ExportStreamingShould(Factory factory) => _factory = factory;

    /// <summary>The API with one more export, <c>gated</c>, mirroring <c>statistics</c> (its access and audit).</summary>
    public sealed class Factory : CareGridApiFactory
    {
        public GatedSource Source { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IExportSource>(Source));
        }
    }

    /// <summary>Yields <see cref="RowsBeforeGate"/> rows, waits for <see cref="Gate"/>, then as many again.</summary>
    public sealed class GatedSource : IExportSource
    {
        public const int RowsBeforeGate = 5_000;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; private set; }

        public string Name => "gated";

        public string Field => "statistics";

        public IReadOnlyList<string> Parameters => [];

        public Task<ExportDocument> OpenAsync(ExportRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ExportDocument("gated", "gated", new[] { new ExportTable("big", "大表 Big", ["单位", "n"], RowsAsync(cancellationToken)) }.ToAsyncEnumerable()));

        private async IAsyncEnumerable<IReadOnlyList<ExportCell>> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < 2 * RowsBeforeGate; i++)
            {
                if (i == RowsBeforeGate)
                {
                    await Gate.Task.WaitAsync(cancellationToken);
                }

                yield return [ExportCell.Of($"七年级（{i}）班"), ExportCell.Of(i)];
            }

            Finished = true;
        }
    }

    [Fact]
    public async Task Send_the_first_rows_before_the_last_ones_exist()
    {
        var token = _factory.TokenFor("principal@demo-school", "demo-school", Roles.Supervisor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/demo-school/exports/gated.csv");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var client = _factory.CreateClient();
        var bounded = TimeSpan.FromSeconds(60);

        // Headers and the first chunks arrive while the source is parked at the gate.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(bounded);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var firstRows = System.Text.Encoding.UTF8.GetBytes($"七年级（{ITableWriter.RowsPerChunk - 1}）班");
        while (received.ToArray().AsSpan().IndexOf(firstRows) < 0)
        {
            var read = await body.ReadAsync(buffer).AsTask().WaitAsync(bounded);
            Assert.NotEqual(0, read);
            received.Write(buffer, 0, read);
        }

        Assert.False(_factory.Source.Gate.Task.IsCompleted);
        Assert.False(_factory.Source.Finished);

        _factory.Source.Gate.SetResult();
        await body.CopyToAsync(received).WaitAsync(bounded);
        Assert.True(_factory.Source.Finished);
        var records = ExportFiles.CsvRecords(received.ToArray());
        Assert.Equal(2 + 2 * GatedSource.RowsBeforeGate, records.Count);
        Assert.Equal(["七年级（9999）班", "9999"], records[^1]);
    }
}
