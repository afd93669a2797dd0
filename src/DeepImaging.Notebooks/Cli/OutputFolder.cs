namespace DeepImaging.Notebooks;

/// <summary>The check, before anything runs, that a verb's output folder can be written.</summary>
internal static class OutputFolder
{
    /// <summary>
    /// Null when <paramref name="folder"/> can be written, else a line saying why not. It writes and deletes a probe
    /// file; folders created for the probe are removed again, so that a refused command leaves nothing behind.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="what">What goes there, for the message (e.g. "the site").</param>
    public static string? CheckWritable(string folder, string what)
    {
        var created = FirstMissingFolder(folder);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return File.Exists(folder)
                ? $"--out {folder} is a file; choose a folder for {what}"
                : $"cannot write to the output folder {folder}: {e.Message}";
        }
        finally
        {
            if (created is not null && Directory.Exists(created))
                Directory.Delete(created, recursive: true);
        }
    }

    // The outermost folder on the way to `folder` that does not exist yet, or null if `folder` exists.
    private static string? FirstMissingFolder(string folder)
    {
        string? missing = null;
        for (var f = folder; f is not null && !Directory.Exists(f) && !File.Exists(f); f = Path.GetDirectoryName(f))
            missing = f;
        return missing;
    }
}
