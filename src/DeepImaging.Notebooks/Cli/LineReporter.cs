namespace DeepImaging.Notebooks;

/// <summary>
/// Passes progress lines on at once, on the reporting thread (<see cref="Progress{T}"/> would post them to the thread
/// pool, where they can arrive out of order).
/// </summary>
internal sealed class LineReporter(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
