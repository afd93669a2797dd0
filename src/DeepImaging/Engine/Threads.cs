namespace DeepImaging.Engine;

/// <summary>
/// How the engine spreads work over the cores. The work is always cut into the same fixed tasks, whatever the number
/// of threads, and each task writes only its own outputs, so results never depend on how many threads ran them.
/// On a single core (or with <see cref="MaxThreads"/> = 1) the tasks run one after the other on the calling thread,
/// without the thread pool's overhead.
/// </summary>
internal static class Threads
{
    /// <summary>The most threads a loop uses: the number of cores, unless a test or a measurement sets fewer (or more).</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether more than one thread may run the engine's loops.</summary>
    public static bool Parallel => MaxThreads > 1;

    /// <summary>Runs <paramref name="task"/>(0) ... <paramref name="task"/>(count - 1), in parallel when that is allowed.</summary>
    public static void For(int count, Action<int> task)
    {
        if (!Parallel || count <= 1)
        {
            for (int i = 0; i < count; i++) task(i);
            return;
        }
        System.Threading.Tasks.Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads }, task);
    }

    /// <summary>
    /// Like <see cref="For(int, Action{int})"/>, with a buffer per worker: <paramref name="rent"/> gives each thread one
    /// (once, not once per task) and <paramref name="giveBack"/> takes it back when the loop ends.
    /// </summary>
    public static void For<TBuffer>(int count, Func<TBuffer> rent, Action<int, TBuffer> task, Action<TBuffer> giveBack)
    {
        if (!Parallel || count <= 1)
        {
            var buffer = rent();
            try
            {
                for (int i = 0; i < count; i++) task(i, buffer);
            }
            finally
            {
                giveBack(buffer);
            }
            return;
        }
        System.Threading.Tasks.Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads }, rent,
            (i, _, buffer) =>
            {
                task(i, buffer);
                return buffer;
            }, giveBack);
    }
}
