namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>A theory that needs the real kernel: skipped with the reason when it is missing, except under CI=true.</summary>
public sealed class RealKernelTheoryAttribute : TheoryAttribute
{
    public RealKernelTheoryAttribute()
    {
        if (RealKernel.SkipReason is { } reason)
            Skip = reason;
    }
}
