namespace DeepImaging.Interactive.Tests;

/// <summary>One kernel with the extension loaded, shared by the tests of a class (creating a C# kernel takes a second or two).</summary>
public sealed class LoadedKernel : IAsyncLifetime
{
    private NotebookKernel? kernel;

    /// <summary>The kernel.</summary>
    public NotebookKernel Kernel => kernel ?? throw new InvalidOperationException("The kernel has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => kernel = await NotebookKernel.StartAsync();

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        kernel?.Dispose();
        return Task.CompletedTask;
    }
}
