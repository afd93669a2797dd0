namespace DeepImaging.Tests.Data;

/// <summary>A file in a fresh temporary folder, deleted with its folder on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deepimaging-data-" + Guid.NewGuid().ToString("N"));

    public TempFile(string name)
    {
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, name);
    }

    public string Path { get; }

    public static TempFile WithText(string name, string text)
    {
        var file = new TempFile(name);
        File.WriteAllText(file.Path, text);
        return file;
    }

    public static TempFile WithBytes(string name, byte[] bytes)
    {
        var file = new TempFile(name);
        File.WriteAllBytes(file.Path, bytes);
        return file;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
