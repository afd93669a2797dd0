using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace DeepImaging.Notebooks;

/// <summary>The outcome of running one notebook: every cell's result and the executed document.</summary>
public sealed class NotebookResult
{
    internal NotebookResult(string notebookPath, string title, IReadOnlyList<CellResult> cells,
        InteractiveDocument document, TimeSpan duration, string? kernelError)
    {
        NotebookPath = notebookPath;
        Title = title;
        Cells = cells;
        Document = document;
        Duration = duration;
        KernelError = kernelError;
    }

    /// <summary>The full path of the notebook that ran.</summary>
    public string NotebookPath { get; }

    /// <summary>The notebook's file name, e.g. "01-what-is-deep-learning.ipynb".</summary>
    public string FileName => Path.GetFileName(NotebookPath);

    /// <summary>The notebook's first markdown heading, or its file name without extension if it has none.</summary>
    public string Title { get; }

    /// <summary>One result per cell, markdown cells included, in notebook order.</summary>
    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>The executed notebook: the original cells and metadata with the outputs filled in.</summary>
    public InteractiveDocument Document { get; }

    /// <summary>How long the whole notebook took, kernel start included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// Why the kernel failed outside any cell (it did not start, stalled between cells, did not shut down, or
    /// died between cells), or null. The cells that finished keep their results.
    /// </summary>
    public string? KernelError { get; }

    /// <summary>True when every code cell succeeded and the kernel did not fail between cells.</summary>
    public bool Succeeded => KernelError is null && Cells.All(c => c.Status is CellStatus.Succeeded or CellStatus.Markdown);

    /// <summary>The cell that failed or timed out, or null if none did.</summary>
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Status is CellStatus.Failed or CellStatus.TimedOut);

    /// <summary>
    /// "succeeded", "failed at cell 3", "timed out at cell 3", or "failed in the kernel" (see <see cref="KernelError"/>):
    /// the status a summary shows.
    /// </summary>
    public string StatusText => FirstFailure switch
    {
        null when KernelError is not null => "failed in the kernel",
        null => "succeeded",
        { Status: CellStatus.TimedOut } cell => $"timed out at cell {cell.Number}",
        var cell => $"failed at cell {cell.Number}",
    };

    /// <summary>The executed notebook as nbformat 4 JSON, ready to save as .ipynb.</summary>
    public string ToJupyterJson() => Document.ToJupyterJson();
}
