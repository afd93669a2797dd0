using System.Runtime.InteropServices;
using DeepImaging.Notebooks;

// The course's command-line tool: `run` executes and publishes notebooks, `demo` shows the core library at work.
const string usage = """
    usage: deepimaging run <notebook.ipynb or folder>... [--out DIR] [--timeout SECONDS] [--parallel N] [--memory GB]
                                 run notebooks headlessly; write executed .ipynb, HTML pages and index.html
           deepimaging install   pack the extension and register it for notebooks in any folder of this user
           deepimaging demo      show the core library computing the course notes' numbers
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
return args[0] switch
{
    "run" => await RunAsync(args[1..]),
    "install" => await InstallCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "demo" => DemoCommand.Run(Console.Out),
    KernelHost.Verb when args.Length == 2 => await KernelHost.RunAsync(args[1]),
    _ => UnknownVerb(args[0]),
};

// Ctrl+C, a closed terminal or a plain kill stop the run the orderly way: every kernel is killed with the processes
// its cells started, rather than left running.
static async Task<int> RunAsync(string[] args)
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
    return await RunCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
}

static int UnknownVerb(string verb)
{
    var shown = verb.Length > 40 || verb.Any(char.IsControl) ? "(an unprintable or over-long word)" : $"'{verb}'";
    Console.Error.WriteLine($"deepimaging: unknown verb {shown}; try: deepimaging run <notebooks> or deepimaging demo");
    return 2;
}
