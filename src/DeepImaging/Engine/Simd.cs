using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// Which vector width the engine's kernels use. Machines differ: some have AVX-512 (16 floats per register), some only
/// AVX2 (8 floats). Both paths compute every value by the same chain of operations, so their results are bit-identical;
/// tests switch <see cref="Use512"/> off to check the 256-bit path on an AVX-512 machine, and
/// <c>DOTNET_EnableAVX512=0</c> (.NET 10; <c>DOTNET_EnableAVX512F=0</c> on .NET 8) does the same for a whole process.
/// </summary>
internal static class Simd
{
    /// <summary>True when the 512-bit kernels run (the default where the hardware has them); false selects the 256-bit ones.</summary>
    public static bool Use512 { get; set; } = Vector512.IsHardwareAccelerated;
}
