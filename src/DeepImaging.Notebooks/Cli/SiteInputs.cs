namespace DeepImaging.Notebooks;

/// <summary>
/// The notebooks <c>deepimaging run</c> is given, and the check that publishing them never writes over one of them.
/// Paths are compared as real paths (see <see cref="RealPath"/>), so a symbolic link neither runs a notebook twice
/// nor hides that an output is an input.
/// </summary>
internal static class SiteInputs
{
    /// <summary>
    /// The notebooks the arguments name, each real file once: a file itself; the course notebooks of a folder with a
    /// course plan (see <see cref="CoursePlan"/>); or every .ipynb below another folder (subfolders and linked folders
    /// included, each real folder once; hidden entries, checkpoints and the output folder skipped), in course order
    /// (see <see cref="CourseOrder"/>). Each comes with the path it gets in the site, without ".ipynb".
    /// </summary>
    /// <param name="inputs">The notebook and folder arguments.</param>
    /// <param name="outputFolder">The site's folder (its executed copies from earlier runs are not run again).</param>
    /// <param name="errors">Told each argument that does not exist.</param>
    public static List<(string Path, string RelativePath)> Find(IEnumerable<string> inputs, string outputFolder, List<string> errors)
    {
        var realOutput = RealPath.Of(outputFolder);
        var taken = new HashSet<string>(RealPath.Comparer);
        var found = new List<(string Path, string RelativePath)>();
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                if (taken.Add(RealPath.Of(full)))
                    found.Add((full, Path.GetFileNameWithoutExtension(full)));
            }
            else if (CoursePlan.Exists(full))
            {
                found.AddRange(CoursePlan.NotebooksToRun(full, errors).Where(n => taken.Add(RealPath.Of(n.Path))));
            }
            else if (Directory.Exists(full))
            {
                found.AddRange(Below(full, realOutput).Where(n => taken.Add(n.Real)).Select(n => (n.Path, n.Relative)));
            }
            else
            {
                errors.Add($"{input} does not exist");
            }
        }
        return found;
    }

    /// <summary>
    /// Null, or a line saying which notebook a page, executed copy or index.html of the site would overwrite.
    /// </summary>
    public static string? Overwritten(IReadOnlyList<(string Path, string RelativePath)> notebooks, string outputFolder)
    {
        var inputs = new HashSet<string>(notebooks.Select(n => RealPath.Of(n.Path)), RealPath.Comparer);
        var outputs = notebooks.SelectMany(n => new[] { n.RelativePath + ".ipynb", n.RelativePath + ".html" }).Append("index.html");
        foreach (var output in outputs)
        {
            var target = Path.Combine(outputFolder, output);
            if (inputs.Contains(RealPath.Of(target)))
                return $"the site in {outputFolder} would overwrite the notebook {target} with its executed copy; " +
                       $"choose another --out, e.g. {Path.Combine(outputFolder, "site")}";
        }
        return null;
    }

    // Breadth first, so that the paths to a notebook come shortest first.
    private static List<(string Path, string Relative, string Real)> Below(string folder, string realOutput)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true };
        var visited = new HashSet<string>(RealPath.Comparer);
        var notebooks = new List<(string Path, string Relative, string Real)>();
        var pending = new Queue<(string Folder, string Relative)>([(folder, "")]);
        while (pending.TryDequeue(out var next))
        {
            var real = RealPath.Of(next.Folder);
            // A folder reached again through a link (a link to itself, say) is not walked twice; the site's own
            // folder holds executed copies, not notebooks to run.
            if (!visited.Add(real) || next.Relative.Length > 0 && RealPath.Comparer.Equals(real, realOutput))
                continue;
            foreach (var file in Directory.EnumerateFiles(next.Folder, "*.ipynb", options).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.'))
                    notebooks.Add((file, next.Relative + name[..^".ipynb".Length], RealPath.Of(file)));
            }
            foreach (var subfolder in Directory.EnumerateDirectories(next.Folder, "*", options).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(subfolder);
                if (!name.StartsWith('.'))
                    pending.Enqueue((subfolder, next.Relative + name + "/"));
            }
        }
        // A notebook reached by several names keeps its own name if one of them is not a link, else the shortest.
        return notebooks.OrderBy(n => new FileInfo(n.Path).LinkTarget is null ? 0 : 1)
            .DistinctBy(n => n.Real, RealPath.Comparer)
            .OrderBy(n => n.Relative, CourseOrder.Instance)
            .ToList();
    }
}
