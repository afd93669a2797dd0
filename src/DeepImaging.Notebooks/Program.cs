using System.Runtime.InteropServices;
using DeepImaging.Notebooks;

// The course's command-line tool: `run` executes and publishes notebooks, `validate`, `assign` and `grade` set and
// grade assignments, `install` registers the extension, `demo` shows the core library at work.
const string usage = """
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
           deepimaging demo      show the core library computing the course notes' numbers
    `deepimaging <verb> --help` shows a verb's options.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
return args[0] switch
{
    "run" => await WithStopSignals(stop => RunCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
    "validate" => await WithStopSignals(stop => ValidateCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
    "assign" => await WithStopSignals(stop => AssignCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
    "grade" => await WithStopSignals(stop => GradeCommand.RunAsync(args[1..], Console.Out, Console.Error, stop)),
    "install" => await InstallCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "demo" => DemoCommand.Run(Console.Out),
    KernelHost.Verb when args.Length == 2 => await KernelHost.RunAsync(args[1]),
    _ => UnknownVerb(args[0]),
};

// Ctrl+C, a closed terminal or a plain kill stop a verb the orderly way: every kernel is killed with the processes
// its cells started, rather than left running.
static async Task<int> WithStopSignals(Func<CancellationToken, Task<int>> verb)
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

static int UnknownVerb(string verb)
{
    var shown = verb.Length > 40 || verb.Any(char.IsControl) ? "(an unprintable or over-long word)" : $"'{verb}'";
    Console.Error.WriteLine($"deepimaging: unknown verb {shown}; try: deepimaging run, validate, assign, grade, install or demo (deepimaging --help)");
    return 2;
}
