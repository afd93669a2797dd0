using System.Xml.Linq;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// The package sources in force for a folder: every nuget.config from the folder up to the root, applied from the
/// farthest to the nearest as NuGet does (a &lt;clear /&gt; drops the sources of the files farther away), with
/// relative folders made absolute. The scratch folder where a submission runs gets them in a nuget.config of its
/// own, so that <c>#r "nuget: ..."</c> restores there what it restores beside the notebook.
/// </summary>
internal static class NuGetSources
{
    /// <summary>The nuget.config text for the sources in force in all the given folders (nearest files win).</summary>
    public static string ConfigFor(IEnumerable<string> folders)
    {
        var cleared = false;
        var sources = new List<(string Key, string Value)>();
        foreach (var folder in folders)
        {
            var (folderCleared, folderSources) = InForce(folder);
            cleared |= folderCleared;
            sources.AddRange(folderSources.Where(s => !sources.Any(t => t.Key == s.Key)));
        }
        var packageSources = new XElement("packageSources");
        if (cleared)
            packageSources.Add(new XElement("clear"));
        foreach (var (key, value) in sources)
            packageSources.Add(new XElement("add", new XAttribute("key", key), new XAttribute("value", value)));
        return new XDocument(new XElement("configuration", packageSources)).ToString() + "\n";
    }

    private static (bool Cleared, List<(string Key, string Value)> Sources) InForce(string folder)
    {
        var files = new List<string>();
        for (var current = new DirectoryInfo(Path.GetFullPath(folder)); current is not null; current = current.Parent)
        {
            var file = current.EnumerateFiles().FirstOrDefault(f => f.Name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase));
            if (file is not null)
                files.Add(file.FullName);
        }
        var cleared = false;
        var sources = new List<(string Key, string Value)>();
        foreach (var file in Enumerable.Reverse(files))
        {
            XElement? packageSources;
            try
            {
                packageSources = XDocument.Load(file).Root?.Element("packageSources");
            }
            catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
            {
                continue;  // NuGet itself would report a broken file where the notebook restores
            }
            foreach (var element in packageSources?.Elements() ?? [])
            {
                if (element.Name.LocalName == "clear")
                {
                    cleared = true;
                    sources.Clear();
                }
                else if (element.Name.LocalName == "add" && element.Attribute("key")?.Value is { } key &&
                         element.Attribute("value")?.Value is { } value)
                {
                    var absolute = value.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(value)
                        ? value
                        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, value));
                    sources.RemoveAll(s => s.Key == key);
                    sources.Add((key, absolute));
                }
                else if (element.Name.LocalName == "remove" && element.Attribute("key")?.Value is { } removed)
                {
                    sources.RemoveAll(s => s.Key == removed);
                }
            }
        }
        return (cleared, sources);
    }
}
