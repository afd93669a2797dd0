using System.Collections.Concurrent;

namespace DeepImaging.Notebooks.Tests;

/// <summary>
/// Runs a set of notebooks once, through the same engine as `deepimaging run` (one kernel process per notebook,
/// two at a time), and keeps the results for the tests that read them.
/// </summary>
/// <param name="folder">The folder of the notebooks.</param>
/// <param name="names">Their file names without .ipynb.</param>
public abstract class NotebookRuns(string folder, IEnumerable<string> names) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, NotebookResult> results = new();

    public NotebookResult this[string name] => results[name];

    public async Task InitializeAsync()
    {
        using var slots = new SemaphoreSlim(2);
        var runner = new NotebookRunner();
        await Task.WhenAll(names.Select(async name =>
        {
            await slots.WaitAsync();
            try
            {
                results[name] = await runner.RunAsync(Path.Combine(folder, name + ".ipynb"), new RunOptions { CellTimeout = TimeSpan.FromSeconds(180) });
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>All text the notebook's cells produced (plain text, or HTML with the markup removed).</summary>
    public string OutputOf(string name) => string.Join("\n", this[name].Cells.Select(c => c.OutputText));
}
