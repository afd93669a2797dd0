using DeepImaging;
using static DeepImaging.Functional;

// The course's command-line tool. For now it has one verb, `demo`, which shows the core library
// reproducing the numbers of the course notes; the notebook runner will join it.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("usage: deepimaging demo     show the core library computing the course notes' numbers");
    return args.Length == 0 ? 1 : 0;
}
if (args[0] != "demo")
{
    Console.Error.WriteLine($"deepimaging: unknown verb '{args[0]}'; try: deepimaging demo");
    return 2;
}

var input = Tensor.Arange(9).Reshape(3, 3);
var kernel = Tensor.Arange(4).Reshape(2, 2);
Console.WriteLine("Cross-correlation of the notes' 3x3 input with the 2x2 kernel:");
Console.WriteLine(Conv2d(input, kernel));
Console.WriteLine("True convolution (kernel flipped):");
Console.WriteLine(Convolve2d(input, kernel));
Console.WriteLine();
Console.WriteLine("Output size of a 3x3 kernel on a 256-wide input:");
foreach (var padding in new[] { Padding.Valid, Padding.Same, Padding.Full })
    Console.WriteLine($"  {padding,-5}: {ConvArithmetic.Explain(256, 3, 1, padding)}");
return 0;
