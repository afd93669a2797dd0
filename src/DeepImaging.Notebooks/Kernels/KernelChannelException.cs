namespace DeepImaging.Notebooks;

/// <summary>The kernel channel received something that is not an authentic message: its results cannot be trusted.</summary>
internal sealed class KernelChannelException(string message) : Exception(message);
