using System.Text.RegularExpressions;
using DeepImaging.Interactive.Formatters;
using DeepImaging.NN;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// Reads a network from a magic's line, shared by <c>#!params</c> and <c>#!network</c>: either dense layer sizes
/// (<c>2 4 1</c>) or layers in order (<c>--input 3x256x256 --conv 16k3 --conv 32k3s2p1 --pool 2 --dense 10</c>).
/// The layers are read from the line itself because their order matters and the kernel binds repeated options without it.
/// </summary>
internal static partial class NetworkArguments
{
    /// <summary>The bare form: dense layer sizes.</summary>
    public static MagicParameter Sizes { get; } =
        new("<sizes...>", "", "dense layer sizes, inputs first and outputs last, e.g. 2 4 1");

    /// <summary>The layer form: the input, then the layers in the order they are written.</summary>
    public static MagicParameter[] Layers { get; } =
    [
        new("--input", "CxHxW", "the input shape, channels x height x width (3x256x256), or a number of features (196608); " +
                                "a batch dimension of 1 is added, as torchinfo shows it") { Required = true },
        new("--conv", "<out>k<k>[s<s>][p<p>][d<d>]", "a Conv2d layer: 16k3 has 16 output channels and a 3x3 kernel; add s<stride>, " +
                                                     "p<padding> and d<dilation>: 32k3s2p1 (stride 2, padding 1), 8k5psame, 8k3pfull, 8k3d2") { Repeatable = true },
        new("--pool", "k", "a MaxPool2d layer with a k x k window and stride k, e.g. 2 (no parameters)") { Repeatable = true },
        new("--dense", "n", "a Linear layer with n outputs, e.g. 10; a Flatten is added before the first one if needed") { Repeatable = true },
    ];

    /// <summary>The most layers a magic reads: a network of more is a typo or a flood, and its table alone would run to megabytes.</summary>
    public const int MaxLayers = 1000;

    /// <summary>The summary (shapes and parameter counts, nothing allocated) of the network written in <paramref name="tokens"/>.</summary>
    public static ModelSummary Summary(string magic, IReadOnlyList<string> tokens)
    {
        var (input, layers) = Network(magic, tokens);
        return Summary(magic, input, layers);
    }

    /// <summary>The summary of <paramref name="layers"/> on <paramref name="input"/>; errors are prefixed with the magic's name.</summary>
    public static ModelSummary Summary(string magic, int[] input, LayerSpec[] layers) => Prefixed(magic, () => ModelSummary.Of(input, layers));

    /// <summary>
    /// The input shape (with a batch of one, as torchinfo shows it) and the layers written in <paramref name="tokens"/>:
    /// dense sizes (<c>2 4 1</c>: input [1, 2], Linear(4), Linear(1)) or layers in order after <c>--input</c>.
    /// </summary>
    public static (int[] Input, LayerSpec[] Layers) Network(string magic, IReadOnlyList<string> tokens) => Prefixed(magic, () =>
    {
        if (tokens.Count > 0 && tokens[0].StartsWith("--", StringComparison.Ordinal))
            return ReadLayers(magic, tokens);
        if (tokens.Count > MaxLayers + 1)
            throw new ArgumentException($"{magic}: {Html.Count(tokens.Count - 1)} layers after the inputs; give at most {Html.Count(MaxLayers)}.");
        var sizes = MagicArguments.LayerSizes(magic, tokens);
        return ([1, sizes[0]], sizes[1..].Select(size => LayerSpec.Linear(size)).ToArray());
    });

    private static T Prefixed<T>(string magic, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e) when (!e.Message.StartsWith(magic + ":", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{magic}: {e.Message}");
        }
    }

    private static (int[] Input, LayerSpec[] Layers) ReadLayers(string magic, IReadOnlyList<string> tokens)
    {
        int[]? input = null;
        var layers = new List<LayerSpec>();
        bool flat = false;
        for (int i = 0; i < tokens.Count; i += 2)
        {
            string option = tokens[i];
            string value = i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? tokens[i + 1]
                : throw new ArgumentException($"{magic}: {option} needs a value, e.g. {Example(option)}.");
            if (option != "--input" && input is null)
                throw new ArgumentException($"{magic}: start with --input, the input shape (e.g. --input 3x256x256), before {option} {value}.");
            switch (option)
            {
                case "--input" when input is null:
                    input = Shape(magic, value);
                    flat = input.Length == 1;
                    break;
                case "--conv":
                    layers.Add(Conv(magic, value));
                    break;
                case "--pool":
                    layers.Add(LayerSpec.MaxPool2d(MagicArguments.Integer(magic, "--pool", value)));
                    break;
                case "--dense":
                    if (!flat)
                        layers.Add(LayerSpec.Flatten());
                    flat = true;
                    layers.Add(LayerSpec.Linear(MagicArguments.Integer(magic, "--dense", value)));
                    break;
                default:
                    throw new ArgumentException($"{magic}: unknown or repeated option {option}; use --input once, then --conv, --pool and --dense in the order of the layers (see {magic} -h).");
            }
        }
        if (input is null || layers.Count == 0)
            throw new ArgumentException($"{magic}: give the input shape and at least one layer, e.g. {magic} --input 3x256x256 --conv 16k3 --dense 10.");
        // A batch of one, as torchinfo shows it and as Flatten expects (it keeps dimension 0).
        return ([1, .. input], [.. layers]);
    }

    private static int[] Shape(string magic, string text)
    {
        var parts = text.Split('x');
        if (parts.Length is not (1 or 3))
            throw new ArgumentException($"{magic}: --input {text} is not a shape; write channels x height x width (3x256x256) or a number of features (196608).");
        return parts.Select(p => MagicArguments.Integer(magic, "--input", p)).ToArray();
    }

    private static LayerSpec Conv(string magic, string text)
    {
        var match = ConvSyntax().Match(text);
        if (!match.Success)
            throw new ArgumentException($"{magic}: --conv {text} is not <out>k<kernel>[s<stride>][p<padding>][d<dilation>]; e.g. 16k3, 32k3s2p1, 8k5psame or 8k3d2.");
        int outChannels = MagicArguments.Integer(magic, "--conv output channels", match.Groups["out"].Value);
        int kernelSize = MagicArguments.Integer(magic, "--conv kernel", match.Groups["k"].Value);
        int stride = match.Groups["s"].Success ? MagicArguments.Integer(magic, "--conv stride", match.Groups["s"].Value) : 1;
        var padding = match.Groups["p"].Success ? Padding.Parse(match.Groups["p"].Value) : Padding.Valid;
        int dilation = match.Groups["d"].Success ? MagicArguments.Integer(magic, "--conv dilation", match.Groups["d"].Value) : 1;
        return LayerSpec.Conv2d(outChannels, kernelSize, stride, padding, dilation);
    }

    private static string Example(string option) => option switch
    {
        "--input" => "--input 3x256x256",
        "--conv" => "--conv 16k3",
        "--pool" => "--pool 2",
        _ => $"{option} 10",
    };

    [GeneratedRegex(@"^(?<out>\d+)k(?<k>\d+)(s(?<s>\d+))?(p(?<p>\d+|same|valid|full))?(d(?<d>\d+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConvSyntax();
}
