namespace DeepImaging.Notebooks;

/// <summary>Writes files so that a reader never sees half of one: a temporary file beside it, then a rename.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> (UTF-8), replacing it atomically.</summary>
    /// <param name="path">The file to write; its folder is created if needed.</param>
    /// <param name="contents">The whole text of the file.</param>
    public static void WriteAllText(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
            $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, contents);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
