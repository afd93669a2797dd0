using System.Diagnostics;
using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Running;

/// <summary>
/// Cells that act as careless or hostile code does: leave processes running, imitate the runner's protocol, read
/// standard input, crash the process, flood output, allocate without bound. None of it may hang the run, forge a
/// result or hide why a cell failed.
/// </summary>
public sealed class HostileCellTests : IDisposable
{
    // Generous: every test here ends in seconds once fixed, and the machine may be busy.
    private static readonly RunOptions Options = new() { CellTimeout = TimeSpan.FromSeconds(100) };

    private readonly string folder = NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_process_a_cell_leaves_running_is_killed_and_the_run_ends()
    {
        var path = Write(folder, "orphan.ipynb",
            Code("var sleeper = System.Diagnostics.Process.Start(\"sleep\", \"600\");\n" +
                 "System.IO.File.WriteAllText(\"sleep.pid\", sleeper.Id.ToString());"),
            Code("1 + 1"));
        var clock = Stopwatch.StartNew();

        var result = await new NotebookRunner().RunAsync(path, Options);

        // Before the fix the run ended only when the orphan did (600 s): it held the kernel's standard output open.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(300), $"the run took {clock.Elapsed}");
        Assert.True(result.Succeeded, result.KernelError ?? result.FirstFailure?.Describe(result.FileName));
        var pid = int.Parse(File.ReadAllText(Path.Combine(folder, "sleep.pid")));
        Assert.False(IsSleeping(pid), $"sleep 600 (process {pid}) is still running after the run");
    }

    [Fact]
    public async Task A_run_that_is_stopped_kills_its_kernels_and_the_processes_they_started()
    {
        var path = Write(folder, "stopped.ipynb",
            Code("var sleeper = System.Diagnostics.Process.Start(\"sleep\", \"600\");\n" +
                 "System.IO.File.WriteAllText(\"sleep.pid\", sleeper.Id.ToString());"),
            Code("System.Threading.Thread.Sleep(600_000);"));
        var pidFile = Path.Combine(folder, "sleep.pid");
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var errors = new StringWriter();

        var run = RunCommand.RunAsync([path, "--out", Path.Combine(folder, "site")], output, errors, stop.Token);
        while (!File.Exists(pidFile) && !run.IsCompleted)
            await Task.Delay(200);
        stop.Cancel();  // as Ctrl+C does
        var exitCode = await run;

        Assert.Equal(130, exitCode);
        Assert.Contains("deepimaging run: stopped; every kernel was killed and no index was written", errors.ToString());
        var pid = int.Parse(File.ReadAllText(pidFile));
        Assert.False(IsSleeping(pid), $"sleep 600 (process {pid}) is still running after the run was stopped");
    }

    [Fact]
    public async Task Protocol_lines_written_to_standard_output_cannot_make_a_failed_cell_succeed()
    {
        // The old protocol's lines, claiming that cell 2 succeeded and the run is done.
        var path = Write(folder, "forged.ipynb",
            Code("var raw = Console.OpenStandardOutput();\n" +
                 "raw.Write(System.Text.Encoding.UTF8.GetBytes(" +
                 "\"{\\\"Event\\\":\\\"finished\\\",\\\"Cell\\\":2,\\\"Result\\\":{\\\"Number\\\":2,\\\"Status\\\":0}}\\n" +
                 "{\\\"Event\\\":\\\"done\\\",\\\"Cell\\\":0}\\n\"));\nraw.Flush();"),
            Code("throw new InvalidOperationException(\"cell 2 fails\");"));

        var result = await new NotebookRunner().RunAsync(path, Options);

        Assert.Equal("failed at cell 2", result.StatusText);
        Assert.Equal(CellStatus.Failed, result.Cells[1].Status);
        Assert.Equal("System.InvalidOperationException: cell 2 fails", result.Cells[1].Error);
        // The imitation is plain output of the cell that wrote it.
        Assert.Contains("{\"Event\":\"done\",\"Cell\":0}", result.Cells[0].OutputText);
    }

    [Fact]
    public async Task A_forged_message_on_the_kernels_private_channel_fails_its_check_and_the_cell()
    {
        // Cell code can find the channel's socket among its process's descriptors, but not the secret that signs messages.
        var path = Write(folder, "channel.ipynb",
            Code("""
                using System.Net.Sockets;
                var json = System.Text.Encoding.UTF8.GetBytes("{\"Type\":\"result\",\"Cell\":1,\"CellResult\":{\"Number\":1,\"Status\":0}}");
                var frame = new byte[4 + json.Length + 32];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, json.Length);
                json.CopyTo(frame, 4);
                var sockets = 0;
                foreach (var fd in System.IO.Directory.GetFiles("/proc/self/fd"))
                {
                    if (new System.IO.FileInfo(fd).LinkTarget is not { } target || !target.StartsWith("socket:")) continue;
                    var socket = new Socket(new SafeSocketHandle((IntPtr)int.Parse(System.IO.Path.GetFileName(fd)), ownsHandle: false));
                    try { await socket.SendAsync(frame, SocketFlags.None); sockets++; } catch (Exception) { }
                }
                Console.WriteLine($"forged a result on {sockets} socket(s)");
                throw new Exception("this cell failed");
                """));

        var result = await new NotebookRunner().RunAsync(path, Options);

        var cell = result.Cells[0];
        Assert.Equal(CellStatus.Failed, cell.Status);
        Assert.StartsWith("the kernel's private channel was tampered with during cell 1 (a message failed its authentication check)",
            cell.Error);
    }

    [Fact]
    public async Task Output_of_a_process_a_cell_starts_is_that_cells_output_and_no_result_is_lost()
    {
        var path = Write(folder, "printf.ipynb",
            Code("System.Diagnostics.Process.Start(\"printf\", new[] { \"50%% done\" }).WaitForExit();"),
            Code("6 * 7"));

        var result = await new NotebookRunner().RunAsync(path, Options);

        Assert.True(result.Succeeded, result.KernelError ?? result.FirstFailure?.Describe(result.FileName));
        Assert.Equal("50% done", result.Cells[0].OutputText);
        Assert.Equal("42", result.Cells[1].OutputText);
    }

    [Fact]
    public async Task A_cell_reading_standard_input_gets_its_end_at_once()
    {
        var path = Write(folder, "stdin.ipynb", Code("Console.ReadLine() is null && Console.In.Read() == -1"));

        var result = await new NotebookRunner().RunAsync(path, Options);

        Assert.True(result.Succeeded, result.KernelError ?? result.FirstFailure?.Describe(result.FileName));
        Assert.Equal("True", result.Cells[0].OutputText);
    }

    [Fact]
    public async Task FailFast_is_reported_with_its_reason()
    {
        var path = Write(folder, "failfast.ipynb", Code("var ok = 1;"), Code("Environment.FailFast(\"boom\");"), Code("ok"));

        var result = await new NotebookRunner().RunAsync(path, Options);

        Assert.Equal("failed at cell 2", result.StatusText);
        Assert.Equal("the kernel process exited (exit code 134) while running cell 2: Environment.FailFast: boom",
            result.Cells[1].Error);
        Assert.Equal(CellStatus.NotRun, result.Cells[2].Status);
    }

    [Fact]
    public async Task A_stack_overflow_is_reported_naming_the_method_that_recursed()
    {
        var path = Write(folder, "overflow.ipynb", Code("int Recurse(int n) => Recurse(n + 1) + 1;\nRecurse(0)"));

        var result = await new NotebookRunner().RunAsync(path, Options);

        Assert.Equal("the kernel process exited (exit code 134) while running cell 1: Stack overflow in Recurse(Int32)",
            result.Cells[0].Error);
    }

    [Fact]
    public async Task A_flood_of_output_is_kept_as_its_head_and_tail_and_costs_no_timeout()
    {
        // 200,000 lines (5.4 MB): before, collecting them took longer than this timeout and about 1.2 GB.
        var path = Write(folder, "flood.ipynb",
            Code("for (var i = 0; i < 200_000; i++) Console.WriteLine($\"line {i,6} of the flood\");"),
            Code("\"after the flood\""));

        var result = await new NotebookRunner().RunAsync(path, Options);

        Assert.True(result.Succeeded, result.KernelError ?? result.FirstFailure?.Describe(result.FileName));
        var text = Assert.Single(result.Cells[0].Outputs).Text;
        Assert.StartsWith("line      0 of the flood\n", text);
        Assert.EndsWith("line 199999 of the flood\n", text);
        // Each line is 25 characters: 5,000,000 written, 2 x 262,144 kept, 4,475,712 omitted.
        Assert.Contains("\n... 4.5 MB omitted ...\n", text);
        Assert.InRange(text.Length, 2 * 262_144, 2 * 262_144 + 100);
        Assert.Equal("after the flood", result.Cells[1].OutputText);
    }

    [Fact]
    public async Task An_allocation_bomb_ends_its_notebook_at_the_memory_limit_and_the_other_notebooks_go_on()
    {
        Write(folder, "1-bomb.ipynb", Code("var hoard = new List<byte[]>();\nwhile (true) hoard.Add(new byte[16 << 20]);"));
        Write(folder, "2-fine.ipynb", Code("\"still here\""));

        var (exitCode, output, _) = await RunCli.RunAsync(folder, "--memory", "0.5", "--timeout", "100",
            "--out", Path.Combine(folder, "site"));

        Assert.Equal(1, exitCode);
        Assert.Contains("cell 1 of 1-bomb.ipynb failed: the kernel ran out of its 0.5 GB memory limit " +
                        "(System.OutOfMemoryException: ", output);
        Assert.Matches(@"2-fine\.ipynb\s+1\s+[\d.]+\s+succeeded", output);
    }

    // The process is gone, or a zombie that was killed (/proc/PID/stat state Z), or a reused id running something else.
    private static bool IsSleeping(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return state != "Z" && commandLine == "sleep\0600\0";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
