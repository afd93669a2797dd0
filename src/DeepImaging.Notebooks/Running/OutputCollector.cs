using System.Globalization;
using System.Text;

namespace DeepImaging.Notebooks;

/// <summary>
/// Collects one cell's outputs in the order they come, in time linear in their size and in bounded memory. Consecutive
/// writes to the same stream become one output, as Jupyter shows them. Stream text past
/// <see cref="StreamHeadChars"/> is kept only as a tail of <see cref="StreamTailChars"/>, with a
/// "... 12.3 MB omitted ..." line between; displayed values past <see cref="RichOutputChars"/> in all are dropped and
/// counted. A flood of output therefore costs neither memory nor time in proportion to its size.
/// </summary>
internal sealed class OutputCollector
{
    /// <summary>Characters of stream text kept from the start of a cell's output.</summary>
    public const int StreamHeadChars = 256 * 1024;

    /// <summary>Characters of stream text kept from the end of a cell's output.</summary>
    public const int StreamTailChars = 256 * 1024;

    /// <summary>Characters of displayed values and results kept for one cell (charts and tables are far smaller).</summary>
    public const int RichOutputChars = 32 * 1024 * 1024;

    // What is kept, in order: the head, then (once it is full) the place of the omitted text, then the tail.
    private readonly List<Entry> head = [];
    private readonly Queue<Entry> tail = new();
    private readonly Dictionary<string, Entry> byValueId = [];
    private int headChars;
    private int tailChars;
    private OutputKind? omittedKind;
    private long omittedBytes;
    private int richChars;
    private int droppedRich;
    private long droppedRichChars;

    /// <summary>Adds text written to standard output or standard error.</summary>
    public void AddStream(OutputKind kind, string text)
    {
        if (text.Length == 0) return;
        if (omittedKind is null)
        {
            var room = StreamHeadChars - headChars;
            var now = Math.Min(room, text.Length);
            Append(head, kind, text[..now]);
            headChars += now;
            if (now == text.Length) return;
            omittedKind = kind;
            text = text[now..];
        }
        // Past the head: the newest text is kept, the oldest kept text is dropped and counted.
        if (text.Length > StreamTailChars)
        {
            omittedBytes += Encoding.UTF8.GetByteCount(text.AsSpan(0, text.Length - StreamTailChars));
            text = text[^StreamTailChars..];
        }
        tail.Enqueue(new Entry(kind, text));
        tailChars += text.Length;
        while (tailChars > StreamTailChars)
        {
            var oldest = tail.Peek();
            if (oldest.Output is not null)
            {
                head.Add(tail.Dequeue());  // a display between dropped lines is kept, before the tail
                continue;
            }
            // Dropping from the front of the oldest piece moves its start: no text is copied.
            var drop = Math.Min(tailChars - StreamTailChars, oldest.Chunk.Length - oldest.Start);
            omittedBytes += Encoding.UTF8.GetByteCount(oldest.Chunk.AsSpan(oldest.Start, drop));
            oldest.Start += drop;
            tailChars -= drop;
            if (oldest.Start == oldest.Chunk.Length)
                tail.Dequeue();
        }
    }

    /// <summary>Adds a displayed value, a result or an error.</summary>
    public void Add(CellOutput output)
    {
        if (output.Kind is OutputKind.StandardOutput or OutputKind.StandardError)
        {
            AddStream(output.Kind, output.Text);
            return;
        }
        var size = Size(output);
        if (output.Kind != OutputKind.Error && richChars + size > RichOutputChars)
        {
            droppedRich++;
            droppedRichChars += size;
            return;
        }
        richChars += size;
        var entry = new Entry(output);
        if (omittedKind is null) head.Add(entry);
        else tail.Enqueue(entry);
        if (output.ValueId is { } id)
            byValueId[id] = entry;
    }

    /// <summary>Replaces the display with this value id (an updatable display), or adds it if there is none.</summary>
    public void Update(CellOutput output)
    {
        if (output.ValueId is { } id && byValueId.TryGetValue(id, out var entry))
        {
            var size = Size(output);
            richChars += size - Size(entry.Output!);
            entry.Output = output;
        }
        else
        {
            Add(output);
        }
    }

    /// <summary>
    /// Outputs collected apart (by the kernel, and from its process's streams) one after the other, consecutive
    /// writes to the same stream joined; each part keeps its own omission lines and is not cut again.
    /// </summary>
    public static List<CellOutput> Concat(params IEnumerable<CellOutput>[] parts)
    {
        var outputs = new List<CellOutput>();
        foreach (var output in parts.SelectMany(part => part))
        {
            if (output.Kind is OutputKind.StandardOutput or OutputKind.StandardError &&
                outputs.Count > 0 && outputs[^1].Kind == output.Kind)
                outputs[^1] = new CellOutput { Kind = output.Kind, Text = outputs[^1].Text + output.Text };
            else
                outputs.Add(output);
        }
        return outputs;
    }

    /// <summary>The outputs kept, in order, with a line where text was omitted.</summary>
    public List<CellOutput> ToList()
    {
        var outputs = new List<CellOutput>();
        var streamKind = (OutputKind?)null;
        var text = new StringBuilder();
        void Flush()
        {
            if (streamKind is { } kind && text.Length > 0)
                outputs.Add(new CellOutput { Kind = kind, Text = text.ToString() });
            text.Clear();
            streamKind = null;
        }
        void Write(OutputKind kind, ReadOnlySpan<char> piece)
        {
            if (streamKind != kind) Flush();
            streamKind = kind;
            text.Append(piece);
        }
        IEnumerable<Entry> all = head;
        if (omittedKind is { } omitted)
            all = all.Append(new Entry(omitted, $"\n... {Megabytes(omittedBytes)} omitted ...\n")).Concat(tail);
        foreach (var entry in all)
        {
            if (entry.Output is { } output)
            {
                Flush();
                outputs.Add(output);
            }
            else
            {
                Write(entry.Kind, entry.Pieces is { } pieces ? pieces.ToString() : entry.Chunk.AsSpan(entry.Start));
            }
        }
        if (droppedRich > 0)
            Write(OutputKind.StandardError,
                $"\n... {droppedRich} more displayed values ({Megabytes(droppedRichChars)}) omitted: a cell keeps " +
                $"{Megabytes(RichOutputChars)} of them ...\n");
        Flush();
        return outputs;
    }

    /// <summary>A size in megabytes as the omission lines show it, e.g. "12.3 MB".</summary>
    internal static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB");

    private static void Append(List<Entry> entries, OutputKind kind, string text)
    {
        if (text.Length == 0) return;
        if (entries.Count > 0 && entries[^1] is { Pieces: { } pieces } last && last.Kind == kind)
            pieces.Append(text);
        else
            entries.Add(new Entry(kind, text) { Pieces = new StringBuilder(text) });
    }

    private static int Size(CellOutput output) => output.Kind switch
    {
        OutputKind.Error => output.ErrorValue.Length + output.Traceback.Sum(line => line.Length),
        _ => output.Data.Sum(pair => pair.Key.Length + pair.Value.Length),
    };

    // A displayed value, result or error; or a piece of stream text: consecutive head text gathered in Pieces, a tail
    // piece as the part of Chunk from Start on.
    private sealed class Entry
    {
        public Entry(OutputKind kind, string chunk)
        {
            Kind = kind;
            Chunk = chunk;
        }

        public Entry(CellOutput output)
        {
            Kind = output.Kind;
            Output = output;
            Chunk = "";
        }

        public OutputKind Kind { get; }

        public CellOutput? Output { get; set; }

        public StringBuilder? Pieces { get; init; }

        public string Chunk { get; }

        public int Start { get; set; }
    }
}
