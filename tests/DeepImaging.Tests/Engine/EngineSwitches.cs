using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

/// <summary>The tests that flip the engine's process-wide switches (vector width, threads) run alone, never beside others.</summary>
[CollectionDefinition(nameof(EngineSwitches), DisableParallelization = true)]
public sealed class EngineSwitches
{
    /// <summary>Sets the vector width and the thread count until the result is disposed.</summary>
    public static IDisposable Set(bool use512, int threads)
    {
        var (width, count) = (Simd.Use512, Threads.MaxThreads);
        Simd.Use512 = use512;
        Threads.MaxThreads = threads;
        return new Restore(() => (Simd.Use512, Threads.MaxThreads) = (width, count));
    }

    /// <summary>Both vector widths: the 512-bit kernels run in software where the hardware lacks them, correct but slow.</summary>
    public static readonly bool[] Widths = [true, false];

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
