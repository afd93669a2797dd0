namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// Where a submission's code runs: a fresh temporary folder holding a copy of the submission's folder (without other
/// notebooks, symbolic links or .git), the data files the instructor notebook names by relative paths at the same
/// relative places, and a nuget.config with the package sources in force beside the submission and the instructor
/// notebook. Whatever the code deletes or writes there, the originals are untouched; hidden tests are never written
/// there. The folder is deleted when disposed.
/// </summary>
internal sealed class ScratchFolder(string root, string workingDirectory) : IDisposable
{
    // Copying a folder stops past these: a submission in a crowded folder (Downloads, /tmp) is refused, not copied.
    private const int MaxFiles = 20_000;
    private const long MaxBytes = 1L << 30;

    private readonly List<(string From, string To)> data = [];
    private int filesCopied;
    private long bytesCopied;

    /// <summary>The temporary folder that holds everything.</summary>
    public string Root { get; } = root;

    /// <summary>The copy of the submission's folder: the kernel's current directory.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Makes the scratch folder for <paramref name="submissionPath"/> graded against <paramref name="source"/>.</summary>
    /// <exception cref="IOException">The submission's folder holds too much to copy; the message says so.</exception>
    public static ScratchFolder Create(string submissionPath, AssignmentSource source)
    {
        var submissionFolder = Path.GetDirectoryName(Path.GetFullPath(submissionPath))!;
        // Data named "../../datasets/x.png" needs two folders above the working directory: they are named as the
        // instructor notebook's own (notebooks/assignments), so that the relative paths lead to the copies.
        var depth = source.DataPaths.Select(UpLevels).DefaultIfEmpty(0).Max();
        var names = source.Folder.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).TakeLast(depth).ToList();
        while (names.Count < depth) names.Insert(0, $"level{names.Count}");
        var root = Directory.CreateTempSubdirectory("deepimaging-grade-").FullName;
        var working = Path.Combine([root, .. names.DefaultIfEmpty("submission")]);
        var scratch = new ScratchFolder(root, working);
        try
        {
            Directory.CreateDirectory(working);
            scratch.CopyFolder(submissionFolder, working, Path.GetFullPath(submissionPath), topLevel: true);
            foreach (var relative in source.DataPaths)
                scratch.data.Add((Path.GetFullPath(Path.Combine(source.Folder, relative)), Path.GetFullPath(Path.Combine(working, relative))));
            scratch.Restore();
            File.WriteAllText(Path.Combine(root, "nuget.config"), NuGetSources.ConfigFor([submissionFolder, source.Folder]));
            return scratch;
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts the instructor's data files back where a cell deleted or changed them (tests then read the real data), and
    /// the working folder back if a cell deleted it.
    /// </summary>
    public void RestoreData()
    {
        try
        {
            Restore();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cell took the rights to the folder away: what depends on the files fails on its own.
        }
    }

    private void Restore()
    {
        Directory.CreateDirectory(WorkingDirectory);
        foreach (var (from, to) in data)
        {
            if (File.Exists(from))
            {
                var copy = new FileInfo(to);
                if (!copy.Exists || copy.Length != new FileInfo(from).Length || copy.LastWriteTimeUtc != File.GetLastWriteTimeUtc(from))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(from, to, overwrite: true);
                }
            }
            else if (Directory.Exists(from) && !Directory.Exists(to))
            {
                CopyFolder(from, to, keptNotebook: null, topLevel: false);
            }
        }
    }

    /// <summary>
    /// True when the working folder was deleted under the kernel process <paramref name="processId"/> (even if a folder
    /// of the same name was made again: on Linux the process's current folder is then marked deleted).
    /// </summary>
    public bool IsLost(int processId)
    {
        if (!Directory.Exists(WorkingDirectory))
            return true;
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return new DirectoryInfo($"/proc/{processId}/cwd").LinkTarget?.EndsWith(" (deleted)", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Deletes the scratch folder (what cannot be deleted, because a cell changed its permissions, stays).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // How many folders above its start a relative path climbs: "../../a/b.png" climbs 2.
    private static int UpLevels(string relative)
    {
        int level = 0, deepest = 0;
        foreach (var part in relative.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries))
        {
            level += part switch { ".." => -1, "." => 0, _ => 1 };
            deepest = Math.Min(deepest, level);
        }
        return -deepest;
    }

    // Copies files and folders, never following symbolic links (a link to the home folder would copy it, or let a cell
    // delete through it); other notebooks of the top folder (a class's other submissions), .git and scratch folders
    // (a submission in the temporary folder itself) stay behind.
    private void CopyFolder(string from, string to, string? keptNotebook, bool topLevel)
    {
        Directory.CreateDirectory(to);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(from, "*", options))
        {
            if (topLevel && file.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && file != keptNotebook)
                continue;
            bytesCopied += new FileInfo(file).Length;
            if (++filesCopied > MaxFiles || bytesCopied > MaxBytes)
                throw new IOException($"the folder {from} holds more than {MaxFiles} files or {MaxBytes >> 30} GB; the grader copies a " +
                                      "submission's folder for its code to run in: put the notebook in a folder of its own");
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var folder in Directory.EnumerateDirectories(from, "*", options))
        {
            var name = Path.GetFileName(folder);
            if (name != ".git" && !name.StartsWith("deepimaging-grade-", StringComparison.Ordinal) && Path.GetFullPath(folder) != Root)
                CopyFolder(folder, Path.Combine(to, name), keptNotebook, topLevel: false);
        }
    }
}
