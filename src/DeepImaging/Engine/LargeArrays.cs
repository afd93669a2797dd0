using System.Runtime.CompilerServices;

namespace DeepImaging.Engine;

/// <summary>
/// New arrays for the results of operations, allocated so that the garbage collector keeps reusing the same memory.
/// Arrays from 85,000 bytes go to the large object heap, which is swept only by full collections; after one, the
/// collector gives the heap's unused tail back to the operating system. When every large array of a training step is
/// already garbage at that moment (the previous step's results, nobody holds them any more), that tail is all of them,
/// and the next step's arrays come from fresh pages: each 4 KB page a fault, several microseconds in a virtual machine,
/// for every megabyte of results, every step. Keeping the most recent large array reachable (until the next one
/// replaces it) leaves a live object at the end of the used space, so the collector keeps the space below it and
/// hands it out again. The cost is one array kept a little longer than needed.
/// </summary>
internal static class LargeArrays
{
    private const int LargeObjectBytes = 85_000;

    private static object? mostRecent;

    /// <summary>A new array of <paramref name="length"/> zeros.</summary>
    public static T[] Zeroed<T>(int length) where T : unmanaged => Remember(new T[length]);

    /// <summary>A new array of <paramref name="length"/> values that the caller overwrites, every one of them.</summary>
    public static T[] Uninitialized<T>(int length) where T : unmanaged => Remember(GC.AllocateUninitializedArray<T>(length));

    private static T[] Remember<T>(T[] array) where T : unmanaged
    {
        if ((long)array.Length * Unsafe.SizeOf<T>() >= LargeObjectBytes) mostRecent = array;
        return array;
    }
}
