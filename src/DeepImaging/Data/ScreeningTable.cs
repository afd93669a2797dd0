namespace DeepImaging.Data;

/// <summary>
/// The course notes' table of people with (normalised) height, weight and, when known, gender, as loaded by
/// <see cref="Datasets.LoadScreeningTable(string)"/>. Labels use <see cref="ClassNames"/>: 0 = F, 1 = M.
/// </summary>
/// <param name="People">The row names (P1, P2, ...).</param>
/// <param name="Features">Height and weight of every person, shape [people, 2].</param>
/// <param name="FeatureNames">["height", "weight"].</param>
/// <param name="Genders">"M", "F", or null where the table leaves it empty (the person to predict).</param>
public sealed record ScreeningTable(string[] People, Tensor Features, string[] FeatureNames, string?[] Genders)
{
    /// <summary>The class names by label index: ["F", "M"].</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["F", "M"];

    /// <summary>The rows whose gender is known (the training answers).</summary>
    public int[] LabelledRows => Enumerable.Range(0, People.Length).Where(i => Genders[i] != null).ToArray();

    /// <summary>The rows whose gender is unknown (the ones to predict).</summary>
    public int[] UnlabelledRows => Enumerable.Range(0, People.Length).Where(i => Genders[i] == null).ToArray();

    /// <summary>Height and weight of the labelled people, shape [labelled, 2].</summary>
    public Tensor LabelledFeatures => RowsOf(LabelledRows);

    /// <summary>The labels of the labelled people (0 = F, 1 = M), shape [labelled].</summary>
    public Tensor LabelledTargets =>
        Tensor.From(LabelledRows.Select(i => Genders[i] == "M" ? 1f : 0f).ToArray(), LabelledRows.Length);

    /// <summary>Height and weight of the people whose gender is unknown, shape [unlabelled, 2].</summary>
    public Tensor UnlabelledFeatures => RowsOf(UnlabelledRows);

    private Tensor RowsOf(int[] rows) => Features.IndexSelect(0, rows);
}
