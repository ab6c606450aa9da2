namespace CareGrid.Benchmarks.Servers;

/// <summary>Waits (bounded) for a server to answer its health endpoint.</summary>
internal static class Health
{
    /// <summary>Polls <paramref name="uri"/> until it answers 200, the process exits, or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitAsync(Uri uri, Infra.ChildProcess process, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited during start-up. Log ({process.LogPath}):\n{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(uri);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{process.Name} did not answer {uri} within {timeout.TotalSeconds:0} s. Log ({process.LogPath}):\n{process.Tail()}");
    }
}
