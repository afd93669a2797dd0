using System.Text.Json;

namespace DeepImaging.Notebooks;

/// <summary>
/// The child-process side of a run: the hidden verb that runs one notebook in this process and reports each
/// cell as a <see cref="KernelMessage"/> line. The parent enforces the timeout by killing this process.
/// </summary>
internal static class KernelHost
{
    public const string Verb = "__kernel";

    public static async Task<int> RunAsync(string notebookPath)
    {
        // The protocol owns the real standard output; anything else that writes to the console (outside the
        // kernel's own capture) goes to standard error, where it cannot corrupt a message.
        var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        Console.SetOut(Console.Error);
        void Send(KernelMessage message)
        {
            lock (protocol)
                protocol.WriteLine(JsonSerializer.Serialize(message));
        }

        var document = NotebookFile.Load(notebookPath);
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);
        await CellLoop.RunAsync(document,
            started: number => Send(new KernelMessage("started", number, null)),
            finished: result => Send(new KernelMessage("finished", result.Number, result)),
            Timeout.InfiniteTimeSpan, CancellationToken.None);
        Send(new KernelMessage("done", 0, null));
        return 0;
    }
}
