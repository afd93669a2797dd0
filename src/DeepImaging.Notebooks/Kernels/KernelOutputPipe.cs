using System.Globalization;
using System.Text;

namespace DeepImaging.Notebooks;

/// <summary>
/// Reads one standard stream (output or error) of a kernel process for as long as it is open. Everything on it is
/// cell output: what cell code or the processes it starts write past the kernel's own capture (to
/// <c>Console.OpenStandardOutput()</c>, say), and what the runtime prints when the process dies. After each cell the
/// kernel writes an end mark, so the text before the mark belongs to that cell and the text after it to the next.
/// </summary>
internal sealed class KernelOutputPipe
{
    private const string MarkPrefix = "\0deepimaging:end-of-cell:";

    // The runtime prints why a process died in its last lines: enough of them are kept to find the reason.
    private const int RecentChars = 16 * 1024;

    private static readonly int MarkLength = EndMark("0000000000000000", 0).Length;

    private readonly OutputKind kind;
    private readonly object gate = new();
    private readonly StringBuilder recent = new();
    private OutputCollector current = new();
    private string carry = "";
    private string? awaitedMark;
    private TaskCompletionSource<OutputCollector>? awaited;
    private bool ended;

    /// <summary>Starts reading <paramref name="stream"/> in the background.</summary>
    public KernelOutputPipe(Stream stream, OutputKind kind)
    {
        this.kind = kind;
        Completion = Task.Run(() => ReadAsync(stream));
    }

    /// <summary>Completes when the stream has ended (every process holding it has closed it or died).</summary>
    public Task Completion { get; }

    /// <summary>The mark a kernel writes after the cell with this sequence number, for the run with this id.</summary>
    public static string EndMark(string runId, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{MarkPrefix}{runId}:{sequence:D8}\0");

    /// <summary>
    /// The output of the cell whose end is marked with <paramref name="mark"/>, once the mark has been read (or at
    /// once if the stream has ended). Call before the cell is sent.
    /// </summary>
    public Task<OutputCollector> UntilMarkAsync(string mark)
    {
        lock (gate)
        {
            if (ended)
                return Task.FromResult(current);
            awaitedMark = mark;
            awaited = new TaskCompletionSource<OutputCollector>(TaskCreationOptions.RunContinuationsAsynchronously);
            return awaited.Task;
        }
    }

    /// <summary>Takes what was read since the last mark (for a cell that never got to write one).</summary>
    public OutputCollector TakeOutput()
    {
        lock (gate)
        {
            var taken = current;
            current = new OutputCollector();
            carry = "";
            awaitedMark = null;
            awaited = null;
            return taken;
        }
    }

    /// <summary>The last few thousand characters read: where the runtime says why a process died.</summary>
    public string RecentText()
    {
        lock (gate)
            return recent.ToString();
    }

    private async Task ReadAsync(Stream stream)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(bytes)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                Take(new string(chars, 0, count));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The runner closed the stream (the kernel was stopped): the end, like any other.
        }
        lock (gate)
        {
            ended = true;
            Emit(carry);
            carry = "";
            awaited?.TrySetResult(current);
        }
    }

    private void Take(string chunk)
    {
        lock (gate)
        {
            var text = carry + chunk;
            carry = "";
            while (text.Length > 0)
            {
                var at = text.IndexOf(MarkPrefix, StringComparison.Ordinal);
                if (at < 0)
                {
                    // The start of a mark may be at the very end: it waits for the rest.
                    var split = text.LastIndexOf('\0');
                    var keep = split >= 0 && split > text.Length - MarkLength ? split : text.Length;
                    Emit(text[..keep]);
                    carry = text[keep..];
                    return;
                }
                Emit(text[..at]);
                if (text.Length - at < MarkLength)
                {
                    carry = text[at..];
                    return;
                }
                if (text.AsSpan(at, MarkLength).SequenceEqual(awaitedMark))
                {
                    awaited!.TrySetResult(current);
                    current = new OutputCollector();
                    awaitedMark = null;
                    awaited = null;
                }
                // A mark of a cell given up on, or text that looks like one, is dropped.
                text = text[(at + MarkLength)..];
            }
        }
    }

    // Text of the stream with the marks taken out: the cell's output, and the recent text that explains a death.
    private void Emit(string text)
    {
        current.AddStream(kind, text);
        recent.Append(text);
        if (recent.Length > 4 * RecentChars)
            recent.Remove(0, recent.Length - RecentChars);
    }
}
