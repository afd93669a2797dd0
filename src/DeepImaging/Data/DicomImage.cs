using System.Buffers.Binary;
using System.Globalization;

namespace DeepImaging.Data;

/// <summary>
/// One greyscale image from a DICOM file, the format of CT, MR and X-ray scanners. A small reader for teaching:
/// Part 10 files, Explicit or Implicit VR Little Endian, uncompressed, MONOCHROME1/MONOCHROME2, 8 or 16 bits,
/// signed or unsigned, one frame. Anything else is refused with an <see cref="InvalidDataException"/> saying why.
/// </summary>
public sealed class DicomImage
{
    private DicomImage(string fileName, Tensor pixels) => (FileName, Pixels) = (fileName, pixels);

    /// <summary>The file name (without folders) the image was read from.</summary>
    public string FileName { get; }

    /// <summary>
    /// The pixel values after the modality rescale, value = stored · <see cref="RescaleSlope"/> + <see cref="RescaleIntercept"/>
    /// (Hounsfield units for CT: air about -1000, water 0, bone several hundred), shape [1, Rows, Columns].
    /// Not inverted for MONOCHROME1; <see cref="Window(double, double)"/> handles display.
    /// </summary>
    public Tensor Pixels { get; }

    /// <summary>Image height in pixels (0028,0010).</summary>
    public int Rows { get; private init; }

    /// <summary>Image width in pixels (0028,0011).</summary>
    public int Columns { get; private init; }

    /// <summary>Bits per stored pixel in the file: 8 or 16 (0028,0100).</summary>
    public int BitsAllocated { get; private init; }

    /// <summary>How many of those bits hold the value (0028,0101).</summary>
    public int BitsStored { get; private init; }

    /// <summary>True when stored values are two's-complement signed (Pixel Representation (0028,0103) = 1).</summary>
    public bool IsSigned { get; private init; }

    /// <summary>MONOCHROME2 (low values dark) or MONOCHROME1 (low values bright) (0028,0004).</summary>
    public string PhotometricInterpretation { get; private init; } = "";

    /// <summary>The transfer syntax UID of the file (0002,0010).</summary>
    public string TransferSyntaxUid { get; private init; } = "";

    /// <summary>Rescale Slope (0028,1053); 1 when absent.</summary>
    public double RescaleSlope { get; private init; }

    /// <summary>Rescale Intercept (0028,1052); 0 when absent.</summary>
    public double RescaleIntercept { get; private init; }

    /// <summary>The first Window Center (0028,1050) suggested by the file, or null when the file has none.</summary>
    public double? WindowCenter { get; private init; }

    /// <summary>The first Window Width (0028,1051) suggested by the file, or null when the file has none.</summary>
    public double? WindowWidth { get; private init; }

    /// <summary>The modality, e.g. "CT" or "MR" (0008,0060), or null.</summary>
    public string? Modality { get; private init; }

    /// <summary>The patient's name as stored (0010,0010), or null. Test files are anonymised.</summary>
    public string? PatientName { get; private init; }

    /// <summary>The physical distance between pixel centres in mm, (between rows, between columns) (0028,0030), or null.</summary>
    public (double Row, double Column)? PixelSpacing { get; private init; }

    /// <summary>Reads a DICOM file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not DICOM Part 10, is truncated, uses a compressed or big-endian transfer syntax, has no pixel data,
    /// or has pixel attributes outside what this reader supports; the message names the file and the reason.
    /// </exception>
    public static DicomImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"DicomImage: file not found: {path}", path);
        string name = Path.GetFileName(path);
        var (elements, syntax) = DicomReader.Read(File.ReadAllBytes(path), name);

        int UShort(uint tag, string what, int? fallback = null)
        {
            if (elements.TryGetValue(tag, out var v) && v.Length >= 2) return BinaryPrimitives.ReadUInt16LittleEndian(v);
            return fallback ?? throw new InvalidDataException($"{name}: the required attribute {what} {DicomReader.Name(tag)} is missing.");
        }
        string? Text(uint tag) => elements.TryGetValue(tag, out var v) ? DicomReader.Text(v) : null;
        double? Number(uint tag, string what, int index = 0)
        {
            string? text = Text(tag);
            if (string.IsNullOrEmpty(text)) return null;
            var parts = text.Split('\\');
            if (index < parts.Length && double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
                return d;
            throw new InvalidDataException($"{name}: {what} {DicomReader.Name(tag)} is '{text}', not a number.");
        }

        if (!elements.TryGetValue(DicomReader.PixelDataTag, out var pixelData))
            throw new InvalidDataException($"{name}: the file has no pixel data (7FE0,0010); it may hold a report or structure rather than an image.");
        int rows = UShort(0x0028_0010, "Rows"), columns = UShort(0x0028_0011, "Columns");
        int bitsAllocated = UShort(0x0028_0100, "Bits Allocated");
        int bitsStored = UShort(0x0028_0101, "Bits Stored", bitsAllocated);
        int highBit = UShort(0x0028_0102, "High Bit", bitsStored - 1);
        int representation = UShort(0x0028_0103, "Pixel Representation", 0);
        int samples = UShort(0x0028_0002, "Samples per Pixel", 1);
        string photometric = Text(0x0028_0004) ?? "MONOCHROME2";
        int frames = (int)(Number(0x0028_0008, "Number of Frames") ?? 1);

        if (samples != 1 || photometric is not ("MONOCHROME1" or "MONOCHROME2"))
            throw new InvalidDataException(
                $"{name}: photometric interpretation {photometric} with {samples} sample(s) per pixel is not supported; only greyscale MONOCHROME1/MONOCHROME2 images are.");
        if (bitsAllocated is not (8 or 16))
            throw new InvalidDataException($"{name}: Bits Allocated is {bitsAllocated}; only 8- and 16-bit pixels are supported.");
        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit != bitsStored - 1)
            throw new InvalidDataException(
                $"{name}: Bits Stored {bitsStored} with High Bit {highBit} in {bitsAllocated}-bit pixels is not supported; need 1 <= Bits Stored <= Bits Allocated and High Bit = Bits Stored - 1.");
        if (representation is not (0 or 1))
            throw new InvalidDataException($"{name}: Pixel Representation is {representation}; it must be 0 (unsigned) or 1 (signed).");
        if (frames != 1)
            throw new InvalidDataException($"{name}: the file holds {frames} frames; only single-frame images are supported.");
        if (rows < 1 || columns < 1)
            throw new InvalidDataException($"{name}: the image is {rows} x {columns}; it needs at least one row and column.");
        int bytesPerPixel = bitsAllocated / 8;
        long needed = (long)rows * columns * bytesPerPixel;
        if (pixelData.Length < needed)
            throw new InvalidDataException(
                $"{name}: the pixel data holds {pixelData.Length} bytes but {rows} x {columns} pixels of {bitsAllocated} bits need {needed}; the file is truncated or inconsistent.");

        double slope = Number(0x0028_1053, "Rescale Slope") ?? 1, intercept = Number(0x0028_1052, "Rescale Intercept") ?? 0;
        var values = new float[rows * columns];
        int mask = (1 << bitsStored) - 1, signBit = 1 << (bitsStored - 1);
        for (int i = 0; i < values.Length; i++)
        {
            int stored = bytesPerPixel == 1 ? pixelData[i] : BinaryPrimitives.ReadUInt16LittleEndian(pixelData.AsSpan(2 * i));
            stored &= mask; // bits above Bits Stored are not part of the value
            if (representation == 1 && (stored & signBit) != 0) stored -= 1 << bitsStored; // two's complement
            values[i] = (float)(stored * slope + intercept);
            if (!float.IsFinite(values[i]))
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: Rescale Slope {slope} and Rescale Intercept {intercept} turn the stored value {stored} (pixel {i}) into {stored * slope + intercept:G4}, " +
                    $"beyond what a float32 pixel holds (about ±3.4E+38); the rescale attributes (0028,1053) and (0028,1052) are corrupt."));
        }

        var spacing = Number(0x0028_0030, "Pixel Spacing") is double sr ? (sr, Number(0x0028_0030, "Pixel Spacing", 1) ?? sr) : ((double, double)?)null;
        return new DicomImage(name, new Tensor(values, [1, rows, columns]))
        {
            Rows = rows,
            Columns = columns,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            IsSigned = representation == 1,
            PhotometricInterpretation = photometric,
            TransferSyntaxUid = syntax,
            RescaleSlope = slope,
            RescaleIntercept = intercept,
            WindowCenter = Number(0x0028_1050, "Window Center"),
            WindowWidth = Number(0x0028_1051, "Window Width"),
            Modality = Text(0x0008_0060),
            PatientName = Text(0x0010_0010),
            PixelSpacing = spacing,
        };
    }

    /// <summary>
    /// Maps the rescaled values to display brightness 0..1 through a window (DICOM PS3.3 C.11.2.1.2, linear):
    /// values below center - width/2 are black, above center + width/2 white, in between a straight ramp.
    /// For CT, (40, 400) shows soft tissue and (400, 1800) bone. MONOCHROME1 images are inverted so 1 is always white.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is below 1 or a value is not finite.</exception>
    public Tensor Window(double center, double width)
    {
        if (!(width >= 1) || !double.IsFinite(width) || !double.IsFinite(center))
            throw new ArgumentOutOfRangeException(nameof(width), $"DicomImage.Window: center {center}, width {width}; the width must be a finite number >= 1.");
        double low = center - 0.5 - (width - 1) / 2, high = center - 0.5 + (width - 1) / 2;
        bool invert = PhotometricInterpretation == "MONOCHROME1";
        var source = Pixels.AsSpan();
        var result = new float[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            double x = source[i];
            double y = x <= low ? 0 : x > high ? 1 : (x - (center - 0.5)) / (width - 1) + 0.5;
            result[i] = (float)(invert ? 1 - y : y);
        }
        return new Tensor(result, Pixels.Shape);
    }

    /// <summary>
    /// <see cref="Window(double, double)"/> with the window the file suggests, or, when it has none (like CT_small.dcm),
    /// the window spanning the image's own minimum to maximum.
    /// </summary>
    public Tensor Window()
    {
        if (WindowCenter is double c && WindowWidth is double w && w >= 1) return Window(c, w);
        double min = Pixels.Min().Item(), max = Pixels.Max().Item();
        return Window((min + max) / 2 + 0.5, max - min + 1);
    }
}
