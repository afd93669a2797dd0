using System.Runtime.CompilerServices;

namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>
/// The course run published as a site, as <c>deepimaging run</c> publishes it (SiteWriter: a page and an executed
/// notebook per notebook, then the index), into artifacts/browser-test/site, once per run. It stays there after the
/// tests, for a look at what was checked (CI keeps artifacts/).
/// </summary>
internal static class CourseSite
{
    private static readonly ConditionalWeakTable<CourseRun, string> published = new();
    private static readonly Lock gate = new();

    /// <summary>The site folder for <paramref name="run"/>, written on first use.</summary>
    public static string Of(CourseRun run)
    {
        lock (gate)
        {
            if (published.TryGetValue(run, out var existing))
                return existing;
            var folder = Repository.PathOf("artifacts", "browser-test", "site");
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            var results = CourseNotebooks.Names.Select(name => run[name]).ToList();
            var site = new SiteWriter(folder, [.. CourseNotebooks.Names.Zip(results, (name, result) => new SitePage(name, result.Title))]);
            foreach (var (page, result) in site.Pages.Zip(results))
                site.WriteNotebook(page, result);
            site.WriteIndex(results);
            published.Add(run, folder);
            return folder;
        }
    }
}
