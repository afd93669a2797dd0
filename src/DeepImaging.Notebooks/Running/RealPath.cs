namespace DeepImaging.Notebooks;

/// <summary>
/// A path with every symbolic link on the way resolved, as the file system will follow it: two paths name the same
/// file exactly when their real paths are equal. Parts that do not exist yet are kept as they are.
/// </summary>
internal static class RealPath
{
    // As the kernel does: more links than this on one path is a loop.
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/> (made absolute first).</summary>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var rest = new Queue<string>(Parts(full));
        var links = 0;
        while (rest.TryDequeue(out var part))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target && links++ < MaxLinks)
            {
                // Follow the link (relative to its own folder), then walk the rest of the path from its target.
                var resolved = Path.GetFullPath(target, current);
                current = Path.GetPathRoot(resolved)!;
                rest = new Queue<string>(Parts(resolved).Concat(rest));
                continue;
            }
            current = next;
        }
        return current;
    }

    /// <summary>How real paths compare on this system: ignoring case where its file systems usually do.</summary>
    public static StringComparer Comparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static string[] Parts(string fullPath) =>
        fullPath[Path.GetPathRoot(fullPath)!.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
