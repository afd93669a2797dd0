namespace DeepImaging.Notebooks;

/// <summary>A bad command line: the tool prints the message as one line and exits with code 2.</summary>
/// <param name="message">What was wrong and what would be right, in one line.</param>
internal sealed class UsageException(string message) : Exception(message);
