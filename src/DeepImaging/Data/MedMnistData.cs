namespace DeepImaging.Data;

/// <summary>
/// A MedMNIST data set (Yang et al. 2023, "MedMNIST v2", https://medmnist.com) as loaded by <see cref="MedMnist.Load"/>:
/// the official training, validation and test parts, each with images [N, C, H, W] in 0..1 and labels.
/// </summary>
public sealed class MedMnistData
{
    internal MedMnistData(string name, MedMnistSplit train, MedMnistSplit validation, MedMnistSplit test, int classCount)
    {
        (Name, Train, Validation, Test, ClassCount) = (name, train, validation, test, classCount);
    }

    /// <summary>The file's name without its extension, e.g. "pneumoniamnist".</summary>
    public string Name { get; }

    /// <summary>The training part (train_images, train_labels).</summary>
    public MedMnistSplit Train { get; }

    /// <summary>The validation part (val_images, val_labels), for choosing settings such as the number of epochs.</summary>
    public MedMnistSplit Validation { get; }

    /// <summary>The test part (test_images, test_labels), for the final measurement only.</summary>
    public MedMnistSplit Test { get; }

    /// <summary>1 for grey images, 3 for colour ones.</summary>
    public int Channels => Train.Images.Size(1);

    /// <summary>The images' height (and width): 28 for the classic files, 64, 128 or 224 for the larger MedMNIST+ ones.</summary>
    public int ImageSize => Train.Images.Size(2);

    /// <summary>True when each image has several 0/1 labels (ChestMNIST) rather than one class.</summary>
    public bool IsMultiLabel => Train.Labels.Rank == 2;

    /// <summary>The number of classes (largest label in any part + 1), or of labels per image for a multi-label data set.</summary>
    public int ClassCount { get; }

    /// <summary>"pneumoniamnist: 1 x 28 x 28 images, 2 classes; train 4708, validation 524, test 624".</summary>
    public override string ToString() =>
        $"{Name}: {Channels} x {ImageSize} x {Train.Images.Size(3)} images, {ClassCount} {(IsMultiLabel ? "labels per image" : "classes")}; " +
        $"train {Train.Count}, validation {Validation.Count}, test {Test.Count}";
}
