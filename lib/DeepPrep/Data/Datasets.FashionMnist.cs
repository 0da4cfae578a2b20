namespace DeepPrep.Data;

// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28×28 greyscale photos of clothing in 10 classes, a
// drop-in replacement for MNIST that is harder to get right. The repository carries a balanced subset
// (6,000 train / 1,000 test); the full 60,000 / 10,000 comes from Debian's dataset-fashion-mnist package.
public static partial class Datasets
{
    /// <summary>The ten Fashion-MNIST classes, by label 0..9.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the full set (see <c>dpkg -L dataset-fashion-mnist</c>).</summary>
    public const string FashionMnistDebianFolder = "/usr/share/datasets/fashion-mnist";

    private const string HowToGetFashionMnist =
        "To get the full Fashion-MNIST: on Debian/Ubuntu run `sudo apt-get install dataset-fashion-mnist` " +
        "(it installs to " + FashionMnistDebianFolder + "), or download train-images-idx3-ubyte.gz, " +
        "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from " +
        "https://github.com/zalandoresearch/fashion-mnist into a folder and pass that folder.";

    /// <summary>
    /// The Fashion-MNIST subset committed to the repository: 6,000 training images (600 per class) and
    /// 1,000 test images (100 per class). X is [n, 784] (28×28 pixels row by row, divided by 255 so they lie
    /// in [0, 1]; 0 is the background); Labels are 0..9, named in <see cref="FashionMnistClassNames"/>.
    /// </summary>
    /// <param name="folder">A folder holding the four IDX files; default: datasets/fashion-mnist-subset, found by <see cref="DataFiles"/>.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    /// <remarks>
    /// The subset is the first 600 (train) or 100 (test) images of each class in the original files' order
    /// (datasets/make-fashion-mnist-subset.py). For a convolutional net use <c>ReshapeFeatures(1, 28, 28)</c>.
    /// Licence: MIT, © 2017 Zalando SE; see datasets/README.md.
    /// </remarks>
    public static (Dataset Train, Dataset Test) FashionMnist(string? folder = null, DType? dtype = null)
    {
        folder ??= Path.GetDirectoryName(DataFiles.Find(Path.Combine("fashion-mnist-subset", "train-labels-idx1-ubyte.gz")))!;
        return LoadMnistFolder(folder, "fashion-mnist-subset", dtype);
    }

    /// <summary>
    /// The full Fashion-MNIST: 60,000 training and 10,000 test images, X [n, 784] with pixels / 255, Labels 0..9.
    /// </summary>
    /// <param name="folder">A folder holding the four IDX files (gzipped or not). Default: the Debian package folder
    /// <see cref="FashionMnistDebianFolder"/>, then datasets/fashion-mnist in the repository.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>. float32 needs about 220 MB, float64 twice that.</param>
    /// <exception cref="FileNotFoundException">The files are not there; the message says how to get them.</exception>
    public static (Dataset Train, Dataset Test) FashionMnistFull(string? folder = null, DType? dtype = null)
    {
        if (folder != null)
        {
            if (!Directory.Exists(folder))
                throw new FileNotFoundException($"FashionMnistFull: the folder '{folder}' does not exist. {HowToGetFashionMnist}", folder);
            return LoadMnistFolder(folder, "fashion-mnist", dtype);
        }
        var candidates = new List<string> { FashionMnistDebianFolder };
        candidates.AddRange(DataFiles.SearchFolders().Select(f => Path.Combine(f, "fashion-mnist")));
        foreach (string candidate in candidates)
            if (FindIdxFile(candidate, "train-images-idx3-ubyte") != null)
                return LoadMnistFolder(candidate, "fashion-mnist", dtype);
        throw new FileNotFoundException(
            $"FashionMnistFull: could not find train-images-idx3-ubyte(.gz) in any of:\n  {string.Join("\n  ", candidates)}\n{HowToGetFashionMnist}");
    }

    /// <summary>Loads train-* and t10k-* image/label IDX pairs from one folder, in MNIST's file naming.</summary>
    private static (Dataset Train, Dataset Test) LoadMnistFolder(string folder, string name, DType? dtype) =>
        (LoadMnistPair(folder, "train", name + "/train", dtype), LoadMnistPair(folder, "t10k", name + "/test", dtype));

    private static Dataset LoadMnistPair(string folder, string prefix, string name, DType? dtype)
    {
        string imagesPath = FindIdxFile(folder, $"{prefix}-images-idx3-ubyte")
            ?? throw new FileNotFoundException($"{name}: no {prefix}-images-idx3-ubyte(.gz) in '{folder}'. {HowToGetFashionMnist}");
        string labelsPath = FindIdxFile(folder, $"{prefix}-labels-idx1-ubyte")
            ?? throw new FileNotFoundException($"{name}: no {prefix}-labels-idx1-ubyte(.gz) in '{folder}'. {HowToGetFashionMnist}");
        var images = Idx.Read(imagesPath);
        var labels = Idx.Read(labelsPath);
        if (images.Shape.Length != 3)
            throw new InvalidDataException($"IDX file '{imagesPath}': expected images [n, rows, cols], got shape {Shapes.Format(images.Shape)}.");
        if (labels.Shape.Length != 1 || labels.Count != images.Count)
            throw new InvalidDataException($"IDX file '{labelsPath}': expected {images.Count} labels (one per image in '{imagesPath}'), got shape {Shapes.Format(labels.Shape)}.");
        int bad = Array.FindIndex(labels.Data, label => label >= FashionMnistClassNames.Count);
        if (bad >= 0)
            throw new InvalidDataException($"IDX file '{labelsPath}': label {labels.Data[bad]} at position {bad} is not a class 0..9.");

        int n = images.Count, pixels = images.Shape[1] * images.Shape[2];
        return new Dataset(
            PixelsToTensor(images.Data, [n, pixels], 255, dtype ?? Tensor.DefaultDType),
            labels.Data.Select(b => (int)b).ToArray(),
            classCount: FashionMnistClassNames.Count,
            name: name,
            classNames: FashionMnistClassNames);
    }

    /// <summary>The file name.gz or name in the folder, whichever exists (gzipped first); null if neither.</summary>
    private static string? FindIdxFile(string folder, string name)
    {
        foreach (string file in new[] { name + ".gz", name })
        {
            string path = Path.Combine(folder, file);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>Bytes 0..255 → a tensor of byte / divisor, written straight into its storage (the full set is large: no extra copies).</summary>
    private static Tensor PixelsToTensor(byte[] pixels, int[] shape, double divisor, DType dtype)
    {
        var tensor = Tensor.Zeros(shape, dtype);
        if (dtype == DType.Float32)
        {
            var values = tensor.AsSpan<float>();
            for (int i = 0; i < pixels.Length; i++) values[i] = (float)(pixels[i] / divisor);
        }
        else
        {
            var values = tensor.AsSpan<double>();
            for (int i = 0; i < pixels.Length; i++) values[i] = pixels[i] / divisor;
        }
        return tensor;
    }
}
