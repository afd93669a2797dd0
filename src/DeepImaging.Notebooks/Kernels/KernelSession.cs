using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace DeepImaging.Notebooks;

/// <summary>
/// One fresh kernel, built like the dotnet-interactive tool builds it for a notebook: a C# kernel with
/// <c>#r "nuget:"</c>/<c>#i</c>, kernel helpers, <c>#!who</c> and value sharing, beside HTML and value kernels,
/// plus what the tool adds on top of these libraries: extensions in restored packages are loaded.
/// </summary>
internal sealed class KernelSession : IDisposable
{
    private readonly CompositeKernel kernel;
    private int executionCount;

    public KernelSession()
    {
        // As the tool does for Jupyter and VS Code: HTML by default, strings as plain text.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);

        var csharp = new CSharpKernel()
            .UseNugetDirective((k, references) =>
            {
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        kernel = new CompositeKernel();
        kernel.Add(csharp, ["c#", "C#"]);
        kernel.Add(new HtmlKernel());
        kernel.Add(new KeyValueStoreKernel().UseWho());
        kernel.UseImportMagicCommand();
        kernel.DefaultKernelName = NotebookFile.CSharp;
        LoadExtensionsFromRestoredPackages();
    }

    /// <summary>
    /// Starts the C# compiler with an empty submission, so that the first cell's time (and timeout) is its own.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await kernel.SendAsync(new SubmitCode("// start", NotebookFile.CSharp), cancellationToken);

    /// <summary>Runs one cell; a cell for a kernel this session lacks fails with a message naming the language.</summary>
    public async Task<CellResult> RunAsync(int number, string kernelName, string code, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (kernel.FindKernelByName(kernelName) is null)
        {
            var message = $"cell {number} is a '{kernelName}' cell; the runner runs only C# (csharp) cells " +
                          "(and html, value)";
            return new CellResult
            {
                Number = number, KernelName = kernelName, Code = code, Status = CellStatus.Failed, Error = message,
                Outputs = [new CellOutput { Kind = OutputKind.Error, ErrorName = "UnsupportedLanguage", ErrorValue = message }],
            };
        }

        var count = ++executionCount;
        var result = await kernel.SendAsync(new SubmitCode(code, kernelName), cancellationToken);
        var outputs = new OutputCollector();
        string? error = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated updated:
                    outputs.Update(Bundle(OutputKind.Display, updated.FormattedValues, updated.ValueId));
                    break;
                case DisplayedValueProduced displayed:
                    outputs.Add(Bundle(OutputKind.Display, displayed.FormattedValues, displayed.ValueId));
                    break;
                case ReturnValueProduced returned:
                    outputs.Add(Bundle(OutputKind.Result, returned.FormattedValues, null));
                    break;
                case StandardOutputValueProduced stdout:
                    outputs.AddStream(OutputKind.StandardOutput, Text(stdout.FormattedValues));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.AddStream(OutputKind.StandardError, Text(stderr.FormattedValues));
                    break;
                case CommandFailed failed when error is null:
                    var output = ErrorOutput(failed);
                    error = output.ErrorName == "Error" ? output.ErrorValue : $"{output.ErrorName}: {output.ErrorValue}";
                    outputs.Add(output);
                    break;
            }
        }
        return new CellResult
        {
            Number = number, KernelName = kernelName, Code = code, Outputs = outputs.ToList(), Error = error,
            Status = error is null ? CellStatus.Succeeded : CellStatus.Failed,
            Duration = stopwatch.Elapsed, ExecutionCount = count,
        };
    }

    public void Dispose() => kernel.Dispose();

    // A runtime exception becomes name, message and stack trace, as Jupyter shows it; a compile error keeps
    // the compiler's diagnostics as its message.
    private static CellOutput ErrorOutput(CommandFailed failed) => failed.Exception switch
    {
        { } exception when exception.GetType().Name != "CodeSubmissionCompilationErrorException" => new CellOutput
        {
            Kind = OutputKind.Error,
            ErrorName = exception.GetType().FullName ?? "Error",
            ErrorValue = exception.Message,
            Traceback = failed.Message.ReplaceLineEndings("\n").Split('\n').ToList(),
        },
        _ => new CellOutput { Kind = OutputKind.Error, ErrorName = "Error", ErrorValue = failed.Message },
    };

    private static CellOutput Bundle(OutputKind kind, IEnumerable<FormattedValue> values, string? valueId) => new()
    {
        Kind = kind, ValueId = valueId,
        Data = values.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => g.Last().Value),
    };

    private static string Text(IEnumerable<FormattedValue> values) => string.Concat(values.Select(v => v.Value));

    // The dotnet-interactive tool (not these libraries) loads a restored package's interactive-extensions/dotnet
    // folder once the command that restored it completes: IKernelExtension types in its DLLs, then extension.dib.
    private void LoadExtensionsFromRestoredPackages()
    {
        var pending = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, bool>();
        kernel.RegisterForDisposal(kernel.KernelEvents.Subscribe(new Observer(e =>
        {
            if (e is PackageAdded { PackageReference.PackageRoot: { } root } && seen.TryAdd(root, true))
                pending.Enqueue(root);
        })));
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var root))
            {
                var folder = Path.Combine(root, "interactive-extensions", "dotnet");
                if (Directory.Exists(folder))
                    await LoadExtensionFolderAsync(folder, context);
            }
        });
    }

    private async Task LoadExtensionFolderAsync(string folder, KernelInvocationContext context)
    {
        foreach (var dll in Directory.GetFiles(folder, "*.dll"))
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
            var extensions = assembly.ExportedTypes.Where(t =>
                typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });
            foreach (var type in extensions)
                await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(kernel);
        }
        var script = Path.Combine(folder, "extension.dib");
        if (File.Exists(script))
        {
            KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{script}`", PlainTextFormatter.MimeType);
            await kernel.LoadAndRunInteractiveDocument(new FileInfo(script), context.Command);
        }
    }

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
