using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class LesionPatchesTests
{
    // A flat grey background: every pixel of a patch then differs from the others only by the painted lesion.
    private static readonly Tensor Flat = Tensor.Full(0.5f, 40, 40);

    [Fact]
    public void The_patches_with_their_lesions_are_the_very_patches_Generate_returns()
    {
        var background = Tensor.Rand([60, 60], seed: 3) * 0.5f + 0.3f;
        var (images, labels) = LesionPatches.Generate(background, count: 30, size: 12, seed: 9);
        var set = LesionPatches.GenerateWithLesions(background, count: 30, size: 12, seed: 9);
        Assert.Equal(images.ToArray(), set.Images.ToArray());
        Assert.Equal(labels.ToArray(), set.Labels.ToArray());
        Assert.Equal([30, 12, 12], set.Masks.Shape);
        Assert.Equal(30, set.Count);
    }

    [Fact]
    public void Every_second_patch_has_a_lesion_and_only_those_have_a_mask()
    {
        var set = LesionPatches.GenerateWithLesions(Flat, count: 20, size: 16, seed: 1);
        for (int n = 0; n < set.Count; n++)
        {
            float maskArea = set.Masks.Select(0, n).Sum().Item();
            if (n % 2 == 0)
            {
                Assert.Null(set.Lesions[n]);
                Assert.Equal(0f, set.Labels[n]);
                Assert.Equal(0f, maskArea);
            }
            else
            {
                var lesion = Assert.IsType<Lesion>(set.Lesions[n]);
                Assert.Equal(1f, set.Labels[n]);
                // The pixel nearest the centre is always inside: the mask radius is at least 1.33 pixels.
                Assert.Equal(1f, set.Masks[n, (int)Math.Round(lesion.Row), (int)Math.Round(lesion.Column)]);
                Assert.InRange(maskArea, 1f, 16 * 16 / 2f);
            }
        }
    }

    [Fact]
    public void The_mask_holds_exactly_the_pixels_darkened_by_a_quarter_of_the_contrast_or_more()
    {
        var set = LesionPatches.GenerateWithLesions(Flat, count: 40, size: 16, seed: 4, minContrast: 0.1f, maxContrast: 0.3f);
        int checkedPixels = 0;
        for (int n = 1; n < set.Count; n += 2)
        {
            var lesion = set.Lesions[n]!;
            var patch = set.Images.Select(0, n).Select(0, 0);
            // On a flat background the brightest pixel lies so far from the spot that it is darkened by almost nothing
            // (under 1e-4 at radius 2 and 6 pixels away), so brightest − pixel is how much the lesion darkened the pixel.
            float brightest = patch.Max().Item();
            for (int i = 0; i < 16; i++)
                for (int j = 0; j < 16; j++)
                {
                    double darkening = brightest - patch[i, j];
                    double quarter = lesion.Contrast / 4;
                    if (Math.Abs(darkening - quarter) < 1e-3)
                        continue; // on the edge of the mask, within float rounding
                    Assert.Equal(darkening > quarter ? 1f : 0f, set.Masks[n, i, j]);
                    checkedPixels++;
                }
            // The darkest pixel is the one nearest the centre, and its depth is the contrast fading with that distance.
            int darkest = (patch * -1f).ArgMax();
            var (row, column) = (darkest / 16, darkest % 16);
            double d2 = (row - lesion.Row) * (row - lesion.Row) + (column - lesion.Column) * (column - lesion.Column);
            Assert.True(d2 <= 0.5 + 1e-9, $"patch {n}: darkest pixel ({row}, {column}) is not the one nearest the centre ({lesion.Row:0.00}, {lesion.Column:0.00})");
            Assert.Equal(lesion.Contrast * Math.Exp(-d2 / (2 * lesion.Radius * lesion.Radius)), brightest - patch[row, column], 1e-4);
        }
        Assert.True(checkedPixels > 19 * 16 * 16 * 0.95, $"only {checkedPixels} pixels were far enough from a mask edge to check");
    }

    [Fact]
    public void Lesions_lie_inside_the_patch_with_the_radius_and_contrast_asked_for()
    {
        var set = LesionPatches.GenerateWithLesions(Flat, count: 200, size: 16, seed: 2, minContrast: 0.15f, maxContrast: 0.3f);
        var lesions = set.Lesions.OfType<Lesion>().ToList();
        Assert.Equal(100, lesions.Count);
        Assert.All(lesions, l =>
        {
            Assert.InRange(l.Row, 2, 13);
            Assert.InRange(l.Column, 2, 13);
            Assert.InRange(l.Radius, 0.8, 2.0);
            Assert.InRange(l.Contrast, 0.15, 0.3);
        });
        // Spread over the patch, not bunched in one place: lesions in the left and in the right half.
        Assert.Contains(lesions, l => l.Column < 5);
        Assert.Contains(lesions, l => l.Column > 10);
    }

    [Fact]
    public void A_lesion_covers_the_pixels_within_its_mask_radius()
    {
        // Hand-worked: radius 1 gives a mask radius √(2 ln 4) = 1.6651; pixels at distance 1 and √2 = 1.414 are in, 2 is out.
        var lesion = new Lesion(Row: 5, Column: 5, Radius: 1, Contrast: 0.2);
        Assert.Equal(1.6651, lesion.MaskRadius, 4);
        Assert.True(lesion.Covers(5, 5));
        Assert.True(lesion.Covers(5, 6));
        Assert.True(lesion.Covers(6, 6));
        Assert.False(lesion.Covers(5, 7));
        Assert.False(lesion.Covers(7, 6));
    }

    [Fact]
    public void The_same_seed_paints_the_same_lesions_and_another_seed_other_ones()
    {
        var a = LesionPatches.GenerateWithLesions(Flat, count: 10, seed: 5);
        var b = LesionPatches.GenerateWithLesions(Flat, count: 10, seed: 5);
        var c = LesionPatches.GenerateWithLesions(Flat, count: 10, seed: 6);
        Assert.Equal(a.Lesions, b.Lesions);
        Assert.Equal(a.Masks.ToArray(), b.Masks.ToArray());
        Assert.NotEqual(a.Lesions, c.Lesions);
    }

    [Fact]
    public void Every_patch_is_centred_on_its_mean()
    {
        var background = Tensor.Rand([60, 60], seed: 8) * 0.5f + 0.3f;
        var set = LesionPatches.GenerateWithLesions(background, count: 12, size: 10, seed: 2);
        for (int n = 0; n < set.Count; n++)
            Assert.Equal(0, set.Images.Select(0, n).Mean().Item(), 5);
    }

    public static TheoryData<string, int, int, float, float, string> BadArguments() => new()
    {
        { "RGB background", 16, 4, 0.1f, 0.2f, "grey image [H, W] or [1, H, W]" },
        { "patch too small", 4, 4, 0.1f, 0.2f, "between 5 and the image's smaller side (40)" },
        { "patch too large", 41, 4, 0.1f, 0.2f, "between 5 and the image's smaller side (40)" },
        { "no patches", 16, 0, 0.1f, 0.2f, "count must be >= 1, got 0" },
        { "no contrast", 16, 4, 0f, 0.2f, "0 < minContrast <= maxContrast" },
        { "contrasts swapped", 16, 4, 0.3f, 0.2f, "0 < minContrast <= maxContrast" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_are_refused_with_a_message_that_says_what_is_allowed(string what, int size, int count, float minContrast, float maxContrast, string message)
    {
        var background = what == "RGB background" ? Tensor.Full(0.5f, 3, 40, 40) : Flat;
        var error = Assert.Throws<ArgumentException>(() =>
            LesionPatches.GenerateWithLesions(background, count, size, seed: 0, minContrast, maxContrast));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_almost_black_background_is_refused_instead_of_searching_for_ever()
    {
        var error = Assert.Throws<ArgumentException>(() => LesionPatches.GenerateWithLesions(Tensor.Zeros(40, 40), count: 2));
        Assert.Contains("almost black everywhere", error.Message);
    }
}
