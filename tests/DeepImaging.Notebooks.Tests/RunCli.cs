namespace DeepImaging.Notebooks.Tests;

/// <summary>Runs <c>deepimaging run</c> in this process and captures what it prints.</summary>
internal static class RunCli
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = await RunCommand.RunAsync(args, output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
