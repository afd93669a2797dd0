using System.Diagnostics;

namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>
/// What the end-to-end tests need: the Jupyter client (Debian's jupyter-nbconvert and python3-nbclient) and the real
/// dotnet-interactive kernel registered as <c>.net-csharp</c>. On a developer's machine without them those tests are
/// skipped with the reason; under <c>CI=true</c> they run and fail with it (CI must not pass by skipping them).
/// </summary>
internal static class RealKernel
{
    /// <summary>The folder of the user's .NET global tools, where dotnet-interactive lives.</summary>
    public static string ToolsFolder { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");

    /// <summary>Whether this run is CI (where a missing prerequisite is a failure, not a reason to skip).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is missing, or null when everything is there.</summary>
    public static string? Missing => missing.Value;

    /// <summary>The reason to skip, or null to run (everything is there, or this is CI).</summary>
    public static string? SkipReason => Missing is { } what && !IsCi
        ? $"needs the real Jupyter kernel: {what} (bash binder/setup.sh installs it; under CI=true this is a failure)"
        : null;

    private static readonly Lazy<string?> missing = new(FindMissing);

    /// <summary>A process start for a Jupyter or dotnet command, with the global tools on PATH as the kernel needs.</summary>
    public static ProcessStartInfo StartInfo(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") + Path.PathSeparator + ToolsFolder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <summary>Runs a command to its end and returns its exit code and output (standard output, then standard error).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static string? FindMissing()
    {
        try
        {
            var (nbconvert, version) = RunAsync(StartInfo("jupyter-nbconvert", "--version")).GetAwaiter().GetResult();
            if (nbconvert != 0)
                return $"jupyter-nbconvert --version failed: {version.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)";
        }
        try
        {
            var (code, specs) = RunAsync(StartInfo("jupyter-kernelspec", "list", "--json")).GetAwaiter().GetResult();
            if (code != 0 || !specs.Contains("\".net-csharp\"", StringComparison.Ordinal))
                return "the .NET (C#) kernel is not registered with Jupyter (dotnet interactive jupyter install)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "jupyter-kernelspec is not installed (apt-get install jupyter-client)";
        }
        // Outside the repository, whose tool manifest would answer for the global tool the kernel uses elsewhere.
        var outside = StartInfo("dotnet", "interactive", "--version");
        outside.WorkingDirectory = Path.GetTempPath();
        var (tool, _) = RunAsync(outside).GetAwaiter().GetResult();
        return tool == 0 ? null
            : "the dotnet-interactive tool is not installed (dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001)";
    }
}
