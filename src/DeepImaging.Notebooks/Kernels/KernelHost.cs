using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace DeepImaging.Notebooks;

/// <summary>
/// The kernel process's side of a <see cref="KernelProcess"/> (this program, started with a hidden verb): it reads
/// the channel's secret from standard input (which is then at its end, so a cell reading it gets nothing at once),
/// connects to the runner's private socket, and runs the cells it is sent in one kernel, answering each with its
/// result. Standard output and error are left to cell code: the runner takes everything on them as cell output.
/// </summary>
internal static class KernelHost
{
    /// <summary>The hidden verb that starts a kernel process: <c>deepimaging __kernel &lt;socket&gt;</c>.</summary>
    public const string Verb = "__kernel";

    /// <summary>
    /// How the runner starts a kernel process: this assembly again, through the dotnet host, with the hidden verb and
    /// the channel's socket, in <paramref name="workingDirectory"/>, its managed heap capped at <paramref name="memoryLimitGigabytes"/>.
    /// </summary>
    public static ProcessStartInfo StartInfo(string socketPath, string workingDirectory, double memoryLimitGigabytes)
    {
        // Run this assembly again through the dotnet host: the same program whether it was started as the
        // deepimaging tool, with `dotnet run`, or loaded by a test host.
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(KernelHost).Assembly.Location);
        start.ArgumentList.Add(Verb);
        start.ArgumentList.Add(socketPath);
        var bytes = (long)(memoryLimitGigabytes * (1L << 30));
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + bytes.ToString("X", CultureInfo.InvariantCulture);
        // A young generation of at most 8 MB between collections instead of one 16 MB region: a chart's or a training
        // run's short-lived garbage then lies in less memory. Notebook 05's kernel peaks 20-30 MB lower (366-380 MB
        // against 395-413 MB), for about 0.3 s more training on one core. Only an environment variable sets it.
        start.Environment["DOTNET_GCgen0size"] = "0x800000";
        // The dotnet commands the kernel starts (a #r "nuget: ..." restore) send no telemetry, and print no banner:
        // offline first, and about 0.6 s less for notebook 05's first cell on one core.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    /// <summary>The kernel process's entry: connects to the runner at <paramref name="channelPath"/> and runs the cells it is sent.</summary>
    public static async Task<int> RunAsync(string channelPath)
    {
        // Before anything else: the processes cells start join this process's new group, killed with it.
        ProcessGroup.StartOwnSession();
        var secret = Console.In.ReadLine();
        if (secret is null || secret.Length != 64)
        {
            Console.Error.WriteLine("deepimaging: the kernel process is started by `deepimaging run`, not by hand");
            return 2;
        }
        var key = Convert.FromHexString(secret);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(channelPath));
        using var channel = new KernelChannel(new NetworkStream(socket, ownsSocket: true), key, isRunner: false);

        using var session = new KernelSession();
        await session.StartAsync(CancellationToken.None);
        await channel.SendAsync(new KernelMessage { Type = KernelMessage.Ready });

        var commands = Channel.CreateUnbounded<KernelMessage>();
        _ = ReceiveUntilTheRunnerIsGoneAsync(channel, commands.Writer);
        var standardOutput = Console.OpenStandardOutput();
        var standardError = Console.OpenStandardError();
        await foreach (var command in commands.Reader.ReadAllAsync())
        {
            if (command is not { Type: KernelMessage.Run, KernelName: { } kernelName, Code: { } code, EndMark: { } mark })
                continue;
            var result = await session.RunAsync(command.Cell, kernelName, code, CancellationToken.None);
            await channel.SendAsync(new KernelMessage
            {
                Type = KernelMessage.Result, Cell = command.Cell, CellResult = result,
                OutputMarked = MarkEnd(standardOutput, mark), ErrorMarked = MarkEnd(standardError, mark),
            });
        }
        return 0;
    }

    // Reads the runner's commands while cells run; when the runner is gone (or the channel breaks), this process and
    // every process its cells started are killed: nothing outlives the run, even if the runner itself was killed.
    private static async Task ReceiveUntilTheRunnerIsGoneAsync(KernelChannel channel, ChannelWriter<KernelMessage> commands)
    {
        try
        {
            while (await channel.ReceiveAsync() is { } message)
                await commands.WriteAsync(message);
        }
        catch (KernelChannelException)
        {
        }
        finally
        {
            ProcessGroup.KillOwnGroup();
        }
    }

    // A cell may have closed or broken the stream: then its output cannot be marked, and the runner is told so.
    private static bool MarkEnd(Stream stream, string mark)
    {
        try
        {
            stream.Write(Encoding.UTF8.GetBytes(mark));
            stream.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            return false;
        }
    }
}
