namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>Runs the grading verbs in this process and captures what they print.</summary>
internal static class GradingCli
{
    public static Task<(int ExitCode, string Output, string Errors)> GradeAsync(params string[] args) => RunAsync(GradeCommand.RunAsync, args);

    public static Task<(int ExitCode, string Output, string Errors)> AssignAsync(params string[] args) => RunAsync(AssignCommand.RunAsync, args);

    public static Task<(int ExitCode, string Output, string Errors)> ValidateAsync(params string[] args) => RunAsync(ValidateCommand.RunAsync, args);

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        Func<IReadOnlyList<string>, TextWriter, TextWriter, CancellationToken, Task<int>> verb, string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = await verb(args, output, errors, CancellationToken.None);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
