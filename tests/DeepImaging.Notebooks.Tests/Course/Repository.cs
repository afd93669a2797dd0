using System.Reflection;

namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>Paths inside the repository, found through the RepositoryRoot attribute the build stamps on test assemblies.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
