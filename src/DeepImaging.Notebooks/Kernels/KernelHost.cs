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
    public const string Verb = "__kernel";

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
