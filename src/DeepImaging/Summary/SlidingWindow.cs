namespace DeepImaging.NN;

/// <summary>How a convolution or pooling window slides: its size, step, spacing and the padding before the first row and column.</summary>
internal readonly record struct SlidingWindow(Pair Kernel, Pair Stride, Pair Dilation, int PadTop, int PadLeft);
