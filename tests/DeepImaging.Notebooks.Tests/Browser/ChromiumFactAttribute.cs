namespace DeepImaging.Notebooks.Tests.Browser;

/// <summary>
/// A test that needs Chromium (Debian's package: /usr/bin/chromium, or the path in DEEPIMAGING_CHROMIUM). Without it
/// the test is skipped and says why, on a developer's machine; under CI=true it runs and fails, since CI must install it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (MissingReason is { } reason && !IsCi)
            Skip = reason + " Skipped here; under CI=true this is a failure.";
    }

    /// <summary>Where Chromium is expected.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("DEEPIMAGING_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"Chromium is not installed at {ExecutablePath} (install Debian's package: apt-get install -y chromium, or set DEEPIMAGING_CHROMIUM to a Chromium executable).";

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
