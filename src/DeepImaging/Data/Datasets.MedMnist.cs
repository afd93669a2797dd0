namespace DeepImaging.Data;

public static partial class Datasets
{
    /// <summary>
    /// A MedMNIST data set from its .npz file (PneumoniaMNIST, BreastMNIST, RetinaMNIST and the other 2-D ones): the
    /// training, validation and test parts with images [N, C, H, W] in 0..1 and labels. See <see cref="MedMnist.Load"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a MedMNIST .npz file; the message says what is wrong.</exception>
    public static MedMnistData LoadMedMnist(string path) => MedMnist.Load(path);
}
