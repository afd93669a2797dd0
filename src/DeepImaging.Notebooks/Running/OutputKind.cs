namespace DeepImaging.Notebooks;

/// <summary>The kinds of cell output, named after nbformat's output types.</summary>
public enum OutputKind
{
    /// <summary>A value shown with <c>display(...)</c> (nbformat "display_data").</summary>
    Display,

    /// <summary>The value of a cell's last expression (nbformat "execute_result").</summary>
    Result,

    /// <summary>Text written to standard output (nbformat "stream", name "stdout").</summary>
    StandardOutput,

    /// <summary>Text written to standard error (nbformat "stream", name "stderr").</summary>
    StandardError,

    /// <summary>The error that made the cell fail (nbformat "error").</summary>
    Error,
}
