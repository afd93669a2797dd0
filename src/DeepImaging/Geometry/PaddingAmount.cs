namespace DeepImaging;

/// <summary>
/// How a <see cref="Padding"/> chooses how many rows and columns to add: given explicitly, or by one of the named rules
/// of the course notes (valid, same, full). What fills the added border is another question: see <see cref="PaddingFill"/>.
/// </summary>
public enum PaddingAmount
{
    /// <summary>A number of rows (height) and columns (width) added on each side.</summary>
    Explicit,
    /// <summary>No padding: the kernel only visits positions where it fits entirely (padding 0).</summary>
    Valid,
    /// <summary>Enough padding that the output has the input's size at stride 1: dilation*(kernel-1) in total, split with the extra on the bottom/right.</summary>
    Same,
    /// <summary>dilation*(kernel-1) on each side: every position where the kernel overlaps the input at least once.</summary>
    Full,
}
