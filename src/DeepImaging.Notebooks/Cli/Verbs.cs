using System.Runtime.InteropServices;

namespace DeepImaging.Notebooks;

/// <summary>
/// The verbs of <c>deepimaging</c> for people: <c>run</c> executes and publishes notebooks, <c>validate</c>,
/// <c>assign</c> and <c>grade</c> set and grade assignments, <c>install</c> registers the extension.
/// </summary>
internal static class Verbs
{
    /// <summary>What <c>deepimaging --help</c> prints.</summary>
    public const string Usage = """
        usage: deepimaging run <notebook.ipynb or folder>... [--out DIR] [--timeout SECONDS] [--parallel N] [--memory GB]
                                     run notebooks headlessly; write executed .ipynb, HTML pages and index.html
               deepimaging validate <instructor.ipynb>
                                     run an instructor notebook with all its tests; print the points of each
               deepimaging assign <instructor.ipynb> --out DIR
                                     validate it, then write the student version (no solutions, no hidden tests)
               deepimaging grade <submission.ipynb> --source <instructor.ipynb> --out DIR
               deepimaging grade --submissions FOLDER --source <instructor.ipynb> --out DIR [--parallel N]
                                     grade submissions: result.json, junit.xml, feedback, graded notebook, grades.csv
               deepimaging install   pack the extension and register it for notebooks in any folder of this user
        `deepimaging <verb> --help` shows a verb's options.
        """;

    /// <summary>Runs the verb <paramref name="args"/> start with; returns the exit code (2 for a verb it does not know).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        return args[0] switch
        {
            "run" => await WithStopSignals(stop => RunCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
            "validate" => await WithStopSignals(stop => ValidateCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
            "assign" => await WithStopSignals(stop => AssignCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
            "grade" => await WithStopSignals(stop => GradeCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
            "install" => await InstallCommand.RunAsync(args[1..], Console.Out, Console.Error),
            "demo" => Unknown("demo", "the notes' numbers it printed are computed in the course notebook 04-convolution.ipynb: " +
                                      "deepimaging run notebooks/04-convolution.ipynb"),
            var verb => Unknown(verb),
        };
    }

    // Ctrl+C, a closed terminal or a plain kill stop a verb the orderly way: every kernel is killed with the processes
    // its cells started, rather than left running.
    private static async Task<int> WithStopSignals(Func<CancellationToken, Task<int>> verb)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        return await verb(stop.Token);
    }

    private static int Unknown(string verb, string? note = null)
    {
        var shown = verb.Length > 40 || verb.Any(char.IsControl) ? "(an unprintable or over-long word)" : $"'{verb}'";
        Console.Error.WriteLine($"deepimaging: unknown verb {shown}; " +
                                (note ?? "try: deepimaging run, validate, assign, grade or install (deepimaging --help)"));
        return 2;
    }
}
