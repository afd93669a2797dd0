namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>A fact that needs the real kernel: skipped with the reason when it is missing, except under CI=true.</summary>
public sealed class RealKernelFactAttribute : FactAttribute
{
    public RealKernelFactAttribute()
    {
        if (RealKernel.SkipReason is { } reason)
            Skip = reason;
    }
}
