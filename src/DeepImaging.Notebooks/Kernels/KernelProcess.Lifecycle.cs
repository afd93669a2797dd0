using System.Diagnostics;
using System.Net.Sockets;

namespace DeepImaging.Notebooks;

// The life of a kernel process: started with its private channel and streams, stopped with every process its cells started.
public sealed partial class KernelProcess
{
    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        EndReason = null;
        sequence = 0;
        runId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var key = KernelChannel.NewKey();
        // A folder only this user can open (mode 0700 on Linux and macOS) holds the socket until the kernel connects.
        var folder = Directory.CreateTempSubdirectory("deepimaging-kernel-");
        try
        {
            var socketPath = Path.Combine(folder.FullName, "channel");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
            process = Process.Start(KernelHost.StartInfo(socketPath, WorkingDirectory, MemoryLimitGigabytes))
                      ?? throw new KernelStartException("could not start the kernel process");
            standardOutput = new KernelOutputPipe(process.StandardOutput.BaseStream, OutputKind.StandardOutput);
            standardError = new KernelOutputPipe(process.StandardError.BaseStream, OutputKind.StandardError);
            try
            {
                // The secret, then the end of standard input: a cell that reads it gets nothing at once.
                await process.StandardInput.WriteLineAsync(Convert.ToHexString(key));
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The kernel already died: the wait below says why.
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(StartupLimit);
            try
            {
                var accept = listener.AcceptAsync(limit.Token).AsTask();
                if (await Task.WhenAny(accept, process.WaitForExitAsync(limit.Token)) != accept)
                {
                    if (process.HasExited)
                        throw new KernelStartException(await DiedAsync("before it was ready"));
                    await accept;  // the limit passed: this throws
                }
                channel = new KernelChannel(new NetworkStream(await accept, ownsSocket: true), key, isRunner: true);
                var ready = await channel.ReceiveAsync(limit.Token);
                if (ready is not { Type: KernelMessage.Ready })
                    throw new KernelStartException(await DiedAsync("before it was ready"));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException && !cancellationToken.IsCancellationRequested)
            {
                throw new KernelStartException(process.HasExited
                    ? await DiedAsync("before it was ready")
                    : await StoppedAsync($"the kernel did not start within {StartupLimit.TotalSeconds:0} s and was stopped"));
            }
            catch (KernelChannelException e)
            {
                throw new KernelStartException(await StoppedAsync($"the kernel's private channel was tampered with at start ({e.Message})"));
            }
        }
        catch
        {
            await StopAsync("the kernel did not start");
            throw;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<string> DiedAsync(string when)
    {
        await ExitedWithinAsync(StreamGrace);
        var died = process!.HasExited
            ? $"the kernel process exited (exit code {process.ExitCode}) {when}"
            : $"the kernel process closed its channel {when}";
        await StopAsync(died);
        var reason = KernelCrash.Reason(standardError!.RecentText(), MemoryLimitGigabytes);
        return reason is null ? died : $"{died}: {reason}";
    }

    private async Task<string> StoppedAsync(string reason)
    {
        await StopAsync(reason);
        return reason;
    }

    // Kills the kernel's group, reads what its streams still hold (for a moment: a process that escaped the group
    // may hold them for ever), then lets go of the streams and the process.
    private async Task StopAsync(string reason)
    {
        EndReason ??= reason;
        channel?.Dispose();
        channel = null;
        if (process is null)
            return;
        ProcessGroup.Kill(process);
        await ExitedWithinAsync(StreamGrace);
        await Task.WhenAny(Task.WhenAll(standardOutput!.Completion, standardError!.Completion), Task.Delay(StreamGrace));
        process.Dispose();
        process = null;
    }

    private async Task<bool> ExitedWithinAsync(TimeSpan limit)
    {
        try
        {
            await process!.WaitForExitAsync().WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
