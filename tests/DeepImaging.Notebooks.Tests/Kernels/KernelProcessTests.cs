using System.Diagnostics;
using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Kernels;

/// <summary>The kernel child process: stray output on its standard output, and never left running.</summary>
public sealed class KernelProcessTests : IDisposable
{
    private readonly string folder = NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_line_written_straight_to_the_kernel_process_standard_output_is_not_taken_for_a_message()
    {
        var path = Write(folder, "noise.ipynb",
            Code("var raw = Console.OpenStandardOutput();\n" +
                 "raw.Write(System.Text.Encoding.UTF8.GetBytes(\"not a message\\n42\\n{\\\"Event\\\": \\\"started\\\", \\\"Cell\\\": 99}\\n\"));\n" +
                 "raw.Flush();"),
            Code("6 * 7"));

        var result = await new NotebookRunner().RunAsync(path);

        Assert.True(result.Succeeded, result.FirstFailure?.Describe(result.FileName) ?? result.KernelError);
        Assert.Equal("42", result.Cells[1].OutputText);
    }

    [Fact]
    public async Task The_kernel_process_is_killed_when_the_run_ends_with_an_exception()
    {
        var path = Write(folder, "orphan.ipynb",
            Code("System.IO.File.WriteAllText(\"kernel.pid\", Environment.ProcessId.ToString());"),
            Code("System.Threading.Thread.Sleep(600_000);"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new NotebookRunner().RunAsync(path, new RunOptions { Progress = new ThrowWhenACellFinishes() }));

        Assert.Equal("progress handler failed", error.Message);
        var pid = int.Parse(File.ReadAllText(Path.Combine(folder, "kernel.pid")));
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.False(IsRunning(pid), $"kernel process {pid} is still running");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;  // no such process
        }
    }

    private sealed class ThrowWhenACellFinishes : IProgress<CellProgress>
    {
        public void Report(CellProgress value)
        {
            if (value.Result is not null)
                throw new InvalidOperationException("progress handler failed");
        }
    }
}
