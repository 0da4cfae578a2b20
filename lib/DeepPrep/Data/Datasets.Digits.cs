using System.Globalization;
using System.IO.Compression;

namespace DeepPrep.Data;

// The 8×8 handwritten digits (UCI optdigits, 1,797 images): small enough to train on in seconds,
// real enough that the curriculum's claims about depth, initialisation and learning rates show up.
public static partial class Datasets
{
    /// <summary>Number of images in the digits file.</summary>
    public const int DigitsCount = 1797;

    /// <summary>Size of the curriculum's standard digits training set; the test set is the other 597.</summary>
    public const int DigitsTrainCount = 1200;

    /// <summary>
    /// The digits data set: X is [1797, 64] (an 8×8 image read row by row, pixels divided by 16 so they
    /// lie in [0, 1]); Labels are the digits 0..9.
    /// </summary>
    /// <param name="path">The digits.csv.gz file or the folder holding it; default: found by <see cref="DataFiles"/>
    /// as datasets/digits/digits.csv.gz.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    /// <remarks>
    /// The raw pixels are counts 0..16 (ink pixels in a 4×4 block of a 32×32 scan). Rows are in file
    /// order; use <see cref="DigitsSplit"/> for the standard train/test split. For a convolutional net,
    /// <c>Digits().ReshapeFeatures(1, 8, 8)</c> gives [1797, 1, 8, 8]. Licence: CC BY 4.0, see datasets/README.md.
    /// </remarks>
    public static Dataset Digits(string? path = null, DType? dtype = null)
    {
        string file = path == null
            ? DataFiles.Find(Path.Combine("digits", "digits.csv.gz"))
            : Directory.Exists(path) ? Path.Combine(path, "digits.csv.gz") : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"Digits: the file '{file}' does not exist.", file);

        const int pixels = 64;
        var x = new double[DigitsCount * pixels];
        var labels = new int[DigitsCount];
        string text;
        try
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            text = reader.ReadToEnd();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Digits file '{file}': not a valid gzip file ({e.Message}).", e);
        }

        int row = 0;
        foreach (string line in text.Split('\n'))
        {
            if (line.Trim().Length == 0) continue;
            if (row == DigitsCount) throw new InvalidDataException($"Digits file '{file}': more than {DigitsCount} rows.");
            var fields = line.TrimEnd('\r').Split(',');
            if (fields.Length != pixels + 1)
                throw new InvalidDataException($"Digits file '{file}', line {row + 1}: expected {pixels + 1} values (64 pixels and a label), got {fields.Length}.");
            for (int j = 0; j <= pixels; j++)
            {
                int max = j < pixels ? 16 : 9;
                if (!int.TryParse(fields[j], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0 || value > max)
                    throw new InvalidDataException($"Digits file '{file}', line {row + 1}, value {j + 1}: '{fields[j]}' is not an integer in 0..{max}.");
                if (j < pixels) x[row * pixels + j] = value / 16.0;
                else labels[row] = value;
            }
            row++;
        }
        if (row != DigitsCount) throw new InvalidDataException($"Digits file '{file}': expected {DigitsCount} rows, got {row}.");

        var classNames = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Dataset(Matrix(x, DigitsCount, pixels, dtype), labels, classCount: 10, name: "digits", classNames: classNames);
    }

    /// <summary>
    /// The curriculum's standard digits split: permute the 1,797 row indices with <c>new Rng(0).Permutation(1797)</c>;
    /// the first 1,200 are the training set, the remaining 597 the test set. The same on every call and machine,
    /// whatever the global seed.
    /// </summary>
    /// <param name="path">As for <see cref="Digits"/>.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    public static (Dataset Train, Dataset Test) DigitsSplit(string? path = null, DType? dtype = null) =>
        Digits(path, dtype).Split(DigitsTrainCount, new Rng(0));
}
