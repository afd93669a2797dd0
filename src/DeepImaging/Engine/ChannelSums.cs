namespace DeepImaging.Engine;

/// <summary>Per-channel sums of a [N, C, H, W] array, as the bias gradient of a convolution needs them.</summary>
internal static class ChannelSums
{
    /// <summary>
    /// Each channel of <paramref name="values"/> [N, C, H, W] summed over the images and every position: over each row
    /// in double, then over the rows in double, then over the images in double, each sum rounded to float as it ends
    /// (the same arithmetic as values.Sum(3).Sum(2).Sum(0), without the intermediate tensors).
    /// </summary>
    public static float[] OverImagesAndPositions(float[] values, int[] shape)
    {
        int batch = shape[0], channels = shape[1], height = shape[2], width = shape[3];
        var totals = new double[channels];
        for (int n = 0, at = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
            {
                double plane = 0;
                for (int h = 0; h < height; h++)
                {
                    double row = 0;
                    for (int w = 0; w < width; w++) row += values[at++];
                    plane += (float)row;
                }
                totals[c] += (float)plane;
            }
        return [.. totals.Select(t => (float)t)];
    }
}
