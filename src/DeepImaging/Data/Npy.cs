using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace DeepImaging.Data;

/// <summary>
/// A reader for numpy's .npy format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic
/// "\x93NUMPY", a version (1.0, 2.0 or 3.0), the length of the header, a header that is a Python dict literal
/// <c>{'descr': '|u1', 'fortran_order': False, 'shape': (100, 28, 28), }</c>, then the values in C (row-major) order.
/// Numbers of any size and byte order are read (booleans, signed and unsigned integers of 1 to 8 bytes, float16/32/64)
/// and returned as float32. Everything else is refused with the reason: Fortran-order arrays, Python objects (pickles,
/// which could run code), structured, complex, string and date types, bad headers and files of the wrong length.
/// </summary>
internal static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads one array from <paramref name="stream"/>, which must end where the array ends.</summary>
    /// <param name="stream">The .npy bytes (a file, or an entry of an .npz zip).</param>
    /// <param name="name">The name used in error messages, e.g. "pneumoniamnist.npz: train_images.npy".</param>
    /// <param name="length">The stream's length in bytes when known, so a header promising more data is refused before allocating.</param>
    /// <exception cref="InvalidDataException">The bytes are not a .npy array this reader can take; the message says why.</exception>
    public static NpyArray Read(Stream stream, string name, long? length = null)
    {
        var prefix = new byte[8];
        if (ReadFully(stream, prefix) < prefix.Length || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{name}: not a .npy file (it does not start with the bytes \\x93NUMPY that numpy.save writes).");
        int major = prefix[6];
        if (major is not (1 or 2 or 3))
            throw new InvalidDataException($"{name}: .npy format version {major}.{prefix[7]} is not known; versions 1.0, 2.0 and 3.0 are.");
        var lengthBytes = new byte[major == 1 ? 2 : 4];
        if (ReadFully(stream, lengthBytes) < lengthBytes.Length)
            throw new InvalidDataException($"{name}: the file ends inside the .npy header.");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        long headerEnd = 8 + lengthBytes.Length + headerLength;
        if (headerLength > 1 << 20 || (length is long total && headerEnd > total))
            throw new InvalidDataException($"{name}: the .npy header claims {headerLength} bytes, more than the file holds.");
        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerBytes.Length)
            throw new InvalidDataException($"{name}: the file ends inside the .npy header.");
        // Version 3.0 headers are UTF-8; 1.0 and 2.0 are Latin-1, which for a valid header is plain ASCII.
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);

        var (descr, fortranOrder, shape) = ParseHeader(header, name);
        if (fortranOrder)
            throw new InvalidDataException($"{name}: the array is stored in Fortran (column-major) order; only C order is read. Save it with numpy.ascontiguousarray(a) first.");
        var type = ElementType.Parse(descr, name);
        long count = 1;
        foreach (int size in shape)
        {
            count *= size;
            if (count > Array.MaxLength)
                throw new InvalidDataException($"{name}: shape ({string.Join(", ", shape)}) has more values than one array can hold.");
        }
        long bytes = count * type.Size;
        if (bytes > Array.MaxLength)
            throw new InvalidDataException($"{name}: shape ({string.Join(", ", shape)}) needs {bytes:N0} bytes, more than one array can hold.");
        if (length is long available && headerEnd + bytes != available)
            throw new InvalidDataException(
                $"{name}: the header describes {bytes:N0} bytes of data (shape ({string.Join(", ", shape)}), {descr}) but the file holds {available - headerEnd:N0}; it is truncated or damaged.");

        var raw = new byte[bytes];
        if (ReadFully(stream, raw) < raw.Length)
            throw new InvalidDataException($"{name}: the data ends early: the header describes {bytes:N0} bytes (shape ({string.Join(", ", shape)}), {descr}); the file is truncated.");
        if (stream.ReadByte() != -1)
            throw new InvalidDataException($"{name}: there are bytes after the {bytes:N0} bytes of data that the header describes; the file is damaged.");
        type.ToLittleEndian(raw);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = type.Read(raw.AsSpan(i * type.Size, type.Size));
        return new NpyArray(shape, values, descr);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0) break;
            read += n;
        }
        return read;
    }

    /// <summary>Reads the header dict: exactly the keys 'descr' (a string), 'fortran_order' (True or False) and 'shape' (a tuple of sizes).</summary>
    private static (string Descr, bool FortranOrder, int[] Shape) ParseHeader(string header, string name)
    {
        var parser = new HeaderParser(header.TrimEnd(' ', '\n', '\0'), name);
        var dict = parser.Dictionary();
        string[] expected = ["descr", "fortran_order", "shape"];
        if (dict.Count != 3 || !expected.All(dict.ContainsKey))
            throw parser.Error($"the header has the keys {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}; expected exactly 'descr', 'fortran_order' and 'shape'");
        if (dict["descr"] is not string descr)
            throw new InvalidDataException($"{name}: the array has a structured dtype (a list of named fields); only plain numbers are read.");
        if (dict["fortran_order"] is not bool fortran)
            throw parser.Error("'fortran_order' must be True or False");
        if (dict["shape"] is not List<object> sizes || sizes.Any(s => s is not long))
            throw parser.Error("'shape' must be a tuple of whole numbers, e.g. (100, 28, 28)");
        var shape = sizes.Cast<long>().ToArray();
        if (shape.Any(s => s < 0 || s > int.MaxValue))
            throw parser.Error($"the shape ({string.Join(", ", shape)}) has a size below 0 or above {int.MaxValue}");
        return (descr, fortran, [.. shape.Select(s => (int)s)]);
    }

    /// <summary>
    /// The few Python literals a .npy header uses: a dict with string keys whose values are strings, True/False,
    /// whole numbers, or tuples and lists of those.
    /// </summary>
    private sealed class HeaderParser(string text, string name)
    {
        private int position;

        public Dictionary<string, object> Dictionary()
        {
            Expect('{');
            var dict = new Dictionary<string, object>();
            while (!Next('}'))
            {
                if (Value() is not string key) throw Error("a key of the header dict is not a string");
                Expect(':');
                dict[key] = Value();
                if (!Next(',')) { Expect('}'); break; }
            }
            SkipSpaces();
            if (position != text.Length) throw Error("there is text after the header dict");
            return dict;
        }

        private object Value()
        {
            SkipSpaces();
            if (position >= text.Length) throw Error("the header ends in the middle of a value");
            char c = text[position];
            if (c is '\'' or '"')
            {
                int end = text.IndexOf(c, position + 1);
                if (end < 0) throw Error("a string in the header is not closed");
                string value = text[(position + 1)..end];
                position = end + 1;
                return value;
            }
            if (c is '(' or '[')
            {
                char close = c == '(' ? ')' : ']';
                position++;
                var items = new List<object>();
                while (!Next(close))
                {
                    items.Add(Value());
                    if (!Next(',')) { Expect(close); break; }
                }
                return items;
            }
            int start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '-')) position++;
            string word = text[start..position];
            return word switch
            {
                "True" => true,
                "False" => false,
                // Python 2 wrote long sizes with an L suffix.
                _ when long.TryParse(word.TrimEnd('L'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number) => number,
                _ => throw Error(word.Length == 0 ? $"unexpected '{c}'" : $"'{word}' is not a value a .npy header can hold"),
            };
        }

        private bool Next(char c)
        {
            SkipSpaces();
            if (position < text.Length && text[position] == c)
            {
                position++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!Next(c)) throw Error($"expected '{c}' at character {position}");
        }

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        }

        public InvalidDataException Error(string problem) =>
            new($"{name}: the .npy header is not valid ({problem}); it reads: {(text.Length > 200 ? text[..200] + "..." : text)}");
    }

    /// <summary>A numpy number type ("descr" such as '&lt;f4'): byte order, kind and size, and how to read one value.</summary>
    private sealed record ElementType(bool BigEndian, char Kind, int Size)
    {
        public static ElementType Parse(string descr, string name)
        {
            if (descr.Length >= 2 && descr[0] is '<' or '>' or '|' or '=' && int.TryParse(descr[2..], NumberStyles.None, CultureInfo.InvariantCulture, out int size))
            {
                var type = new ElementType(descr[0] == '>', descr[1], size);
                bool known = (type.Kind, type.Size) is ('b', 1) or ('i' or 'u', 1 or 2 or 4 or 8) or ('f', 2 or 4 or 8);
                if (known) return type;
            }
            char kind = descr.Length >= 2 ? descr[1] : ' ';
            string what = kind switch
            {
                'O' => "Python objects (a pickle, which could run code when loaded)",
                'c' => "complex numbers",
                'U' or 'S' or 'a' => "text",
                'M' or 'm' => "dates or time spans",
                'V' => "raw structured records",
                _ => "a type this reader does not know",
            };
            throw new InvalidDataException(
                $"{name}: the array's dtype '{descr}' holds {what}; only booleans, integers (1, 2, 4 or 8 bytes) and floats (2, 4 or 8 bytes) are read.");
        }

        /// <summary>Puts big-endian data in little-endian order, value by value, so that <see cref="Read"/> reads one order.</summary>
        public void ToLittleEndian(Span<byte> data)
        {
            if (!BigEndian) return;
            for (int i = 0; i + Size <= data.Length; i += Size)
                data.Slice(i, Size).Reverse();
        }

        /// <summary>One value, from little-endian bytes (see <see cref="ToLittleEndian"/>).</summary>
        public float Read(ReadOnlySpan<byte> bytes) => (Kind, Size) switch
        {
            ('b', _) => bytes[0] != 0 ? 1f : 0f,
            ('u', 1) => bytes[0],
            ('i', 1) => (sbyte)bytes[0],
            ('u', 2) => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            ('i', 2) => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            ('u', 4) => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            ('i', 4) => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            ('u', 8) => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            ('i', 8) => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            ('f', 2) => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),
            ('f', 4) => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        };
    }
}
