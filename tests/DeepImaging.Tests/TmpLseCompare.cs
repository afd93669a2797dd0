namespace DeepImaging.Tests;
public class TmpLseCompare(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Compare()
    {
        int diffS = 0, diffL = 0, total = 0; float maxS = 0, maxL = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var x = Tensor.Randn([64, 10], seed: seed) * (1 + seed % 7);
            var s = Functional.Softmax(x, 1).ToArray();
            var l = Functional.LogSoftmax(x, 1).ToArray();
            var d = x.ToArray();
            for (int r = 0; r < 64; r++)
            {
                float max = float.NegativeInfinity;
                for (int k = 0; k < 10; k++) max = MathF.Max(max, d[r * 10 + k]);
                var y = new float[10]; double sum = 0; double sumd = 0;
                for (int k = 0; k < 10; k++) { sum += y[k] = MathF.Exp(d[r * 10 + k] - max); sumd += Math.Exp(d[r * 10 + k] - max); }
                float logSum = max + (float)Math.Log(sumd);
                for (int k = 0; k < 10; k++)
                {
                    float os = (float)(y[k] / sum), ol = d[r * 10 + k] - logSum;
                    total++;
                    if (os != s[r * 10 + k]) { diffS++; maxS = Math.Max(maxS, Math.Abs(os - s[r * 10 + k]) / Math.Max(os, 1e-30f)); }
                    if (ol != l[r * 10 + k]) { diffL++; maxL = Math.Max(maxL, Math.Abs(ol - l[r * 10 + k]) / Math.Max(Math.Abs(ol), 1e-30f)); }
                }
            }
        }
        output.WriteLine($"softmax differ {diffS}/{total} max rel {maxS:E2}; logsoftmax differ {diffL}/{total} max rel {maxL:E2}");
    }
}
