using BenchmarkDotNet.Running;
using DeepImaging.Benchmarks;

// --quick: the fast Stopwatch table (used by side-by-side.sh); anything else goes to BenchmarkDotNet,
// e.g. --filter '*' or --filter '*Conv2d*'.
return args.Contains("--quick")
    ? QuickTable.Run(args)
    : BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args, new BenchmarkConfig()).Any() ? 0 : 1;
