using System.Collections.Concurrent;

namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>
/// Runs every course notebook once, through the same engine as `deepimaging run` (one kernel process per notebook,
/// two at a time), and keeps the results for the tests that read them (every class of the collection
/// <see cref="CollectionName"/> shares the one run).
/// </summary>
public sealed class CourseRun : IAsyncLifetime
{
    /// <summary>The test collection whose classes share one course run.</summary>
    public const string CollectionName = "course run";

    private readonly ConcurrentDictionary<string, NotebookResult> results = new();

    public NotebookResult this[string name] => results[name];

    public async Task InitializeAsync()
    {
        using var slots = new SemaphoreSlim(2);
        var runner = new NotebookRunner();
        await Task.WhenAll(CourseNotebooks.Names.Select(async name =>
        {
            await slots.WaitAsync();
            try
            {
                results[name] = await runner.RunAsync(Path.Combine(CourseNotebooks.Folder, name + ".ipynb"), new RunOptions { CellTimeout = TimeSpan.FromSeconds(180) });
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

/// <summary>The classes that read the course run: they get one shared <see cref="CourseRun"/> (running the course takes minutes).</summary>
[CollectionDefinition(CourseRun.CollectionName)]
public sealed class CourseRunCollection : ICollectionFixture<CourseRun>;
