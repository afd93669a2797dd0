using DeepImaging.Notebooks;

// The course's command-line tool: `run` executes and publishes notebooks, `demo` shows the core library at work.
const string usage = """
    usage: deepimaging run <notebook.ipynb or folder>... [--out DIR] [--timeout SECONDS] [--parallel N]
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
    "run" => await RunCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "install" => await InstallCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "demo" => DemoCommand.Run(Console.Out),
    KernelHost.Verb when args.Length == 2 => await KernelHost.RunAsync(args[1]),
    _ => UnknownVerb(args[0]),
};

static int UnknownVerb(string verb)
{
    Console.Error.WriteLine($"deepimaging: unknown verb '{verb}'; try: deepimaging run <notebooks> or deepimaging demo");
    return 2;
}
