namespace DeepImaging.Notebooks;

/// <summary>A kernel process did not start: it died, stalled, or could not be launched. The message says which.</summary>
public sealed class KernelStartException(string message) : Exception(message);
