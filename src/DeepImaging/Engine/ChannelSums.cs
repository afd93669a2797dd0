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
        var totals = new float[channels];
        // Each channel is one task (its own sum, in the same order on any thread); worth sharing out only when large.
        if (values.Length < ParallelValues) for (int c = 0; c < channels; c++) totals[c] = Channel(values, c, batch, channels, height, width);
        else Threads.For(channels, c => totals[c] = Channel(values, c, batch, channels, height, width));
        return totals;
    }

    private const int ParallelValues = 1 << 18;

    private static float Channel(float[] values, int c, int batch, int channels, int height, int width)
    {
        double total = 0;
        for (int n = 0; n < batch; n++)
        {
            int at = (n * channels + c) * height * width;
            double plane = 0;
            int h = 0;
            // Four rows at a time: four independent sums keep the adder busy (one sum waits for each addition).
            for (; h + 4 <= height; h += 4, at += 4 * width)
            {
                double row0 = 0, row1 = 0, row2 = 0, row3 = 0;
                for (int w = 0; w < width; w++)
                {
                    row0 += values[at + w];
                    row1 += values[at + width + w];
                    row2 += values[at + 2 * width + w];
                    row3 += values[at + 3 * width + w];
                }
                plane += (float)row0;
                plane += (float)row1;
                plane += (float)row2;
                plane += (float)row3;
            }
            for (; h < height; h++, at += width)
            {
                double row = 0;
                for (int w = 0; w < width; w++) row += values[at + w];
                plane += (float)row;
            }
            total += (float)plane;
        }
        return (float)total;
    }
}
