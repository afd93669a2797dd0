using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class SafeTensorsTests
{
    /// <summary>The tensors of from_csharp.safetensors: a small CNN state dict, a scalar, an empty tensor and edge values.</summary>
    private static Dictionary<string, Tensor> CsharpTensors() => new()
    {
        ["0.weight"] = (Tensor.Arange(18) - 8.5f).Reshape(2, 1, 3, 3) * 0.25f,
        ["0.bias"] = Tensor.From([-0.0f, 1e-38f], 2),
        ["3.weight"] = Tensor.Randn([3, 8], 11),
        ["3.bias"] = Tensor.From([float.MaxValue, float.Epsilon, -1.5f], 3),
        ["step"] = Tensor.Scalar(7),
        ["empty"] = Tensor.Zeros(2, 0),
    };

    private static readonly Dictionary<string, string> CsharpMetadata = new() { ["format"] = "pt", ["written_by"] = "DeepImaging" };

    private static byte[] Bytes(Tensor t)
    {
        var b = new byte[4 * t.Count];
        for (int i = 0; i < t.Count; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), t.AsSpan()[i]);
        return b;
    }

    [Fact]
    public void Save_then_Load_round_trips_names_shapes_and_bits()
    {
        using var file = new TempFile("model.safetensors");
        var tensors = CsharpTensors();
        tensors["nan"] = Tensor.From([float.NaN, float.PositiveInfinity, float.NegativeInfinity], 3);
        SafeTensors.Save(file.Path, tensors, CsharpMetadata);
        var back = SafeTensors.Load(file.Path);
        Assert.Equal(tensors.Keys.Order(), back.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.Shape, back[name].Shape);
            Assert.Equal(Bytes(t), Bytes(back[name])); // bit-exact, including -0, NaN and subnormals
        }
        Assert.Equal(CsharpMetadata, SafeTensors.LoadMetadata(file.Path));
    }

    [Fact]
    public void The_header_is_padded_with_spaces_so_data_starts_8_byte_aligned()
    {
        using var file = new TempFile("a.safetensors");
        SafeTensors.Save(file.Path, new Dictionary<string, Tensor> { ["w"] = Tensor.From([1f, 2], 2) });
        var bytes = File.ReadAllBytes(file.Path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.Equal("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.TrimEnd(' '));
        Assert.Equal(8 + n + 8, bytes.Length);
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + 4)));
        Assert.Empty(SafeTensors.LoadMetadata(file.Path));
    }

    [Fact]
    public void A_file_written_by_hand_from_torch_tensors_is_read_correctly()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("from_torch.json")));
        var loaded = SafeTensors.Load(Fixture.PathOf("from_torch.safetensors"));
        var expected = doc.RootElement.GetProperty("tensors").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, loaded.Count);
        foreach (var e in expected)
        {
            var t = loaded[e.GetProperty("name").GetString()!];
            Assert.Equal(e.Ints("shape"), t.Shape);
            Assert.Equal(e.Floats("values"), t.ToArray());
        }
        Assert.Equal([4, 1, 3, 3], loaded["features.0.weight"].Shape);
        Assert.Equal([], loaded["step"].Shape);
        Assert.Equal("pt", SafeTensors.LoadMetadata(Fixture.PathOf("from_torch.safetensors"))["format"]);
    }

    [Fact]
    public void Csharp_writer_reproduces_the_file_python_validated()
    {
        // make_data_fixtures.py read from_csharp.safetensors with a strict reader and torch.frombuffer and recorded what it
        // found; writing the same tensors again must give exactly those bytes.
        string output = Path.Combine(Path.GetTempPath(), "deepimaging-from_csharp.safetensors");
        SafeTensors.Save(output, CsharpTensors(), CsharpMetadata);
        var committed = File.ReadAllBytes(Fixture.PathOf("from_csharp.safetensors"));
        Assert.True(committed.AsSpan().SequenceEqual(File.ReadAllBytes(output)),
            $"SafeTensors.Save no longer writes the bytes Python validated; new file: {output} (see make_data_fixtures.py).");
        using var check = JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("from_csharp.check.json")));
        var seen = check.RootElement.GetProperty("tensors").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(CsharpTensors().Keys.Order(), seen.Keys.Order());
        foreach (var (name, t) in CsharpTensors())
        {
            Assert.Equal("F32", seen[name].GetProperty("dtype").GetString());
            Assert.Equal(t.Shape, seen[name].Ints("shape"));
            Assert.Equal(t.ToArray(), seen[name].Floats("values"));
        }
        Assert.Equal("DeepImaging", check.RootElement.GetProperty("metadata").GetProperty("written_by").GetString());
    }

    private static byte[] File8(string header, int dataBytes)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
        h.CopyTo(bytes, 8);
        return bytes;
    }

    [Theory]
    [InlineData("", 0, "fewer than the 8-byte header length")]
    [InlineData("[1,2]", 0, "the header does not start with '{'")]
    [InlineData("{\"a\":", 0, "the header is not valid JSON")]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2, "dtype F16; only F32")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes of F32 data but its data_offsets span 8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4, "cover 8 data bytes but the file has 4")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12, "cover 4 data bytes but the file has 12")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "starts at data offset 4 but the previous data ends at 0")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "starts at data offset 0 but the previous data ends at 4")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "not a list of non-negative integers")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "needs \"dtype\" (string), \"shape\" (array) and \"data_offsets\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "appears twice")]
    [InlineData("{\"__metadata__\":{\"n\":1}}", 0, "metadata 'n' is not a string")]
    // 65536^4 = 2^64 elements: the count wraps to 0 in 64 bits, which empty data would match.
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536,65536],\"data_offsets\":[0,0]}}", 0,
        "tensor 'a' has shape [65536, 65536, 65536, 65536], 18,446,744,073,709,551,616 elements, more than one tensor can hold (2,147,483,591)")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1073741824,4],\"data_offsets\":[0,0]}}", 0, "4,294,967,296 elements, more than one tensor can hold")]
    public void Malformed_files_are_refused_with_the_reason(string header, int dataBytes, string reason)
    {
        byte[] bytes = header.Length == 0 ? [1, 2, 3] : File8(header, dataBytes);
        using var file = TempFile.WithBytes("bad.safetensors", bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(file.Path));
        Assert.StartsWith("bad.safetensors: not a valid safetensors file", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_header_length_beyond_the_file_and_a_missing_file_are_refused()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1UL << 40);
        using var file = TempFile.WithBytes("huge.safetensors", bytes);
        Assert.Contains("the header length is 1099511627776 bytes but the file has only 8", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(file.Path)).Message);
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(Repository.PathOf("nope.safetensors")));
    }

    [Fact]
    public void Reserved_or_empty_names_cannot_be_saved()
    {
        using var file = new TempFile("x.safetensors");
        Assert.Contains("\"__metadata__\"", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(file.Path, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Zeros(1) })).Message);
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(file.Path, new Dictionary<string, Tensor> { [""] = Tensor.Zeros(1) }));
    }

    [Fact]
    public void A_model_saved_and_loaded_into_a_fresh_one_computes_the_same_output()
    {
        var path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.safetensors");
        try
        {
            var trained = new DeepImaging.NN.Sequential(new DeepImaging.NN.Linear(3, 4, seed: 1), new DeepImaging.NN.ReLU(), new DeepImaging.NN.Linear(4, 2, seed: 2));
            var fresh = new DeepImaging.NN.Sequential(new DeepImaging.NN.Linear(3, 4, seed: 9), new DeepImaging.NN.ReLU(), new DeepImaging.NN.Linear(4, 2, seed: 10));
            var x = Tensor.Randn([5, 3], 3);
            Assert.NotEqual(trained.Forward(x).ToArray(), fresh.Forward(x).ToArray());

            SafeTensors.Save(path, trained);
            SafeTensors.LoadInto(path, fresh);

            Assert.Equal(trained.Forward(x).ToArray(), fresh.Forward(x).ToArray());
            Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], SafeTensors.Load(path).Keys.Order());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_into_a_model_of_another_shape_says_which_parameters_differ()
    {
        var path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, new DeepImaging.NN.Linear(3, 4, seed: 1));
            var error = Assert.ThrowsAny<ArgumentException>(() => SafeTensors.LoadInto(path, new DeepImaging.NN.Linear(5, 4, seed: 1)));
            Assert.Contains("weight", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Named tensors that are not a model: SafeTensors needs only the two methods of <see cref="IStateDict"/>.</summary>
    private sealed class NamedTensors(Dictionary<string, Tensor> tensors) : IStateDict
    {
        public IReadOnlyDictionary<string, Tensor> StateDict() => tensors;

        public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
        {
            foreach (var (name, value) in state) tensors[name] = value;
        }
    }

    [Fact]
    public void Anything_with_a_state_dict_is_saved_and_loaded_without_being_a_model()
    {
        using var file = new TempFile("named.safetensors");
        var saved = new NamedTensors(new() { ["mean"] = Tensor.From([0.5f, 0.25f], 2), ["scale"] = Tensor.From([2f], 1) });
        SafeTensors.Save(file.Path, saved);

        var loaded = new NamedTensors([]);
        SafeTensors.LoadInto(file.Path, loaded);

        Assert.Equal([0.5f, 0.25f], loaded.StateDict()["mean"].ToArray());
        Assert.Equal([2f], loaded.StateDict()["scale"].ToArray());
        Assert.Equal("pt", SafeTensors.LoadMetadata(file.Path)["format"]);
    }
}
