namespace DeepImaging.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls an action at once, on the thread that reports (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context or the thread pool). Use it for
/// <see cref="Trainer.Progress"/> to print or plot each epoch in order, before <see cref="Trainer.Fit"/> returns.
/// </summary>
/// <typeparam name="T">What is reported, e.g. <see cref="EpochResult"/>.</typeparam>
/// <param name="action">Called with every report.</param>
public sealed class ProgressCallback<T>(Action<T> action) : IProgress<T>
{
    private readonly Action<T> action = action ?? throw new ArgumentNullException(nameof(action));

    /// <summary>Calls the action with <paramref name="value"/>.</summary>
    public void Report(T value) => action(value);
}
