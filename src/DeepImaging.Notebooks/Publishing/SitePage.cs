namespace DeepImaging.Notebooks;

/// <summary>One page of the published site, known before its notebook runs.</summary>
/// <param name="RelativePath">Where the notebook goes in the site, without extension, e.g. <c>assignments/a1</c>: its page is that .html, its executed copy that .ipynb.</param>
/// <param name="Title">The notebook's title (see <see cref="NotebookFile.TitleOf"/>), which its neighbours' links show.</param>
public sealed record SitePage(string RelativePath, string Title);
