using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeepImaging.Notebooks;

/// <summary>
/// A kernel process and every process its cells start, stopped as one. On Linux and macOS the kernel makes itself the
/// leader of a new session (and so of a new process group) before any cell runs; the processes a cell starts inherit
/// that group, and one <c>kill(-group, SIGKILL)</c> ends them all, even after the kernel itself has died. Elsewhere
/// (Windows) the kernel's process tree is killed instead.
/// </summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>Called by the kernel process first thing: makes it the leader of a new session and process group.</summary>
    public static void StartOwnSession()
    {
        if (!OperatingSystem.IsWindows())
            _ = setsid();  // fails only if the process already leads a group, which a freshly started child does not
    }

    /// <summary>Called by the kernel process when its host is gone: kills its own group, itself included.</summary>
    public static void KillOwnGroup()
    {
        if (!OperatingSystem.IsWindows())
            _ = kill(0, SigKill);
        Environment.Exit(137);
    }

    /// <summary>Kills the kernel <paramref name="process"/> and every process in its group; safe to call twice.</summary>
    public static void Kill(Process process)
    {
        if (!OperatingSystem.IsWindows())
        {
            // The group is named after its leader's process id, and lives on while any member does.
            // Before the kernel has made its session there is no such group yet: then the process alone is killed.
            _ = kill(-process.Id, SigKill);
        }
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It had already exited.
        }
    }

    // Plain DllImport: both take and return ints, so no marshalling code (and no unsafe code) is needed.
    [DllImport("libc")]
    private static extern int setsid();

    [DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
