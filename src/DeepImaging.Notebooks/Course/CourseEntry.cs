namespace DeepImaging.Notebooks;

/// <summary>One notebook of a <see cref="CoursePlan"/>.</summary>
/// <param name="File">Its path relative to the plan's folder, with forward slashes (e.g. <c>assignments/conv.ipynb</c>).</param>
/// <param name="Title">Its title in the course.</param>
/// <param name="Path">Its full path.</param>
public sealed record CourseEntry(string File, string Title, string Path);
