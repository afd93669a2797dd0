using DeepImaging.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace DeepImaging.Interactive.Tests;

/// <summary>
/// An in-process notebook kernel (a CompositeKernel with a C# kernel, as a host builds it) into which the
/// repository's extension.dib has been run, exactly as the real kernel runs it after <c>#r "nuget: ..."</c>.
/// </summary>
public sealed class NotebookKernel : IDisposable
{
    private NotebookKernel(CompositeKernel kernel, Cell load)
    {
        Kernel = kernel;
        Load = load;
    }

    /// <summary>The root kernel.</summary>
    public CompositeKernel Kernel { get; }

    /// <summary>What running extension.dib produced (the banner).</summary>
    public Cell Load { get; }

    /// <summary>A new kernel with the extension loaded through src/DeepImaging.Interactive/extension.dib.</summary>
    public static async Task<NotebookKernel> StartAsync()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        // In a notebook, #r "nuget: DeepImaging.Interactive" adds these references before extension.dib runs.
        csharp.AddAssemblyReferences([typeof(DeepImagingExtension).Assembly.Location, typeof(Tensor).Assembly.Location]);
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;

        var events = new List<KernelEvent>();
        using (kernel.KernelEvents.Subscribe(new Collector(events)))
            await kernel.LoadAndRunInteractiveDocument(new FileInfo(Repository.PathOf("src", "DeepImaging.Interactive", "extension.dib")));
        return new NotebookKernel(kernel, new Cell(events));
    }

    /// <summary>Runs one cell and returns what it produced.</summary>
    public async Task<Cell> RunAsync(string code)
    {
        var result = await Kernel.SendAsync(new SubmitCode(code));
        return new Cell(result.Events);
    }

    /// <inheritdoc />
    public void Dispose() => Kernel.Dispose();

    private sealed class Collector(List<KernelEvent> events) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            lock (events) events.Add(value);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}

/// <summary>What a cell produced: displayed values, their text/plain and text/html forms, a return value or an error.</summary>
public sealed class Cell(IReadOnlyList<KernelEvent> events)
{
    /// <summary>Every event of the cell.</summary>
    public IReadOnlyList<KernelEvent> Events { get; } = events;

    /// <summary>The message of the failure, or null when the cell succeeded.</summary>
    public string? Error => Events.OfType<CommandFailed>().FirstOrDefault()?.Message;

    /// <summary>True when the cell did not fail.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The values displayed (not returned), in order.</summary>
    public IEnumerable<object> Displayed => Events.OfType<DisplayedValueProduced>().Select(e => e.Value);

    /// <summary>All text/plain outputs joined by newlines.</summary>
    public string Text => Formatted("text/plain");

    /// <summary>All text/html outputs joined by newlines.</summary>
    public string Html => Formatted("text/html");

    /// <summary>The value of the cell's last expression.</summary>
    public object? ReturnValue => Events.OfType<ReturnValueProduced>().SingleOrDefault()?.Value;

    private string Formatted(string mimeType) => string.Join("\n", Events.OfType<DisplayEvent>()
        .SelectMany(e => e.FormattedValues).Where(v => v.MimeType == mimeType).Select(v => v.Value));
}
