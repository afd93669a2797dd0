using System.Text;

namespace DeepImaging.Notebooks.Tests.Kernels;

/// <summary>Messages on the kernel channel are authenticated: forged, altered, replayed or reflected ones are refused.</summary>
public sealed class KernelChannelTests
{
    private static readonly byte[] Key = KernelChannel.NewKey();

    [Fact]
    public async Task A_message_arrives_as_sent()
    {
        var frames = await FramesAsync(Key, new KernelMessage { Type = KernelMessage.Run, Cell = 3, Code = "1 + 1" });

        var received = await ReceiveAsync(frames, Key);

        Assert.Equal(new KernelMessage { Type = KernelMessage.Run, Cell = 3, Code = "1 + 1" }, received[0]);
    }

    [Fact]
    public async Task A_message_signed_with_another_key_is_refused()
    {
        var frames = await FramesAsync(KernelChannel.NewKey(), new KernelMessage { Type = KernelMessage.Ready });

        var error = await Assert.ThrowsAsync<KernelChannelException>(() => ReceiveAsync(frames, Key));

        Assert.Equal("a message failed its authentication check", error.Message);
    }

    [Fact]
    public async Task An_altered_message_is_refused()
    {
        var frames = await FramesAsync(Key, new KernelMessage { Type = KernelMessage.Result, Cell = 1 });
        var text = Encoding.UTF8.GetString(frames);
        var altered = Encoding.UTF8.GetBytes(text.Replace("\"Cell\":1", "\"Cell\":2"));

        await Assert.ThrowsAsync<KernelChannelException>(() => ReceiveAsync(altered, Key));
    }

    [Fact]
    public async Task A_replayed_message_is_refused()
    {
        var once = await FramesAsync(Key, new KernelMessage { Type = KernelMessage.Ready });

        var error = await Assert.ThrowsAsync<KernelChannelException>(() => ReceiveAsync([.. once, .. once], Key, count: 2));

        Assert.Equal("a message failed its authentication check", error.Message);
    }

    [Fact]
    public async Task A_message_sent_back_to_its_sender_is_refused()
    {
        var frames = await FramesAsync(Key, new KernelMessage { Type = KernelMessage.Ready });

        await Assert.ThrowsAsync<KernelChannelException>(() => ReceiveAsync(frames, Key, runnerReceives: false));
    }

    [Fact]
    public async Task An_oversized_length_is_refused_before_anything_is_read()
    {
        byte[] frame = [0x7f, 0xff, 0xff, 0xff, 1, 2, 3];

        var error = await Assert.ThrowsAsync<KernelChannelException>(() => ReceiveAsync(frame, Key));

        Assert.StartsWith("a message claimed 2147483647 bytes", error.Message);
    }

    [Fact]
    public async Task A_large_output_arrives_as_sent_and_sending_it_needs_little_more_memory_than_its_json()
    {
        // Like a chart carrying plotly.js: millions of characters, many of which JSON escapes; a surrogate pair
        // straddles the boundary of two segments.
        var text = new StringBuilder();
        while (text.Length < 4_000_000)
            text.Append("function(a){return \"x\\y\"}\n\t");
        text.Insert(SegmentedStringConverter.SegmentChars - 1, "\U0001F600");
        var html = text.ToString();
        static KernelMessage Result(string html) => new()
        {
            Type = KernelMessage.Result, Cell = 9,
            CellResult = new CellResult
            {
                Number = 9, KernelName = "csharp", Code = "chart",
                Outputs = [new CellOutput { Kind = OutputKind.Result, Data = new() { ["text/html"] = html } }],
            },
        };
        var message = Result(html);
        // Everything on the way compiled, with a smaller output (a few segments): the buffer pools are not yet holding
        // buffers of the large one's size, as in a kernel that sends its first chart.
        await FramesAsync(Key, Result(html[..(4 * SegmentedStringConverter.SegmentChars)]));

        // The allocation counter is per thread: the sending must not move to another one (KeepOpen writes synchronously).
        int thread = Environment.CurrentManagedThreadId;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var frames = await FramesAsync(Key, message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(thread, Environment.CurrentManagedThreadId);

        var received = (await ReceiveAsync(frames, Key))[0];
        Assert.Equal(html, received.CellResult!.Outputs[0].Data["text/html"]);
        // The JSON, the serializer's and the MemoryStream's buffers (each grown by doubling, fresh while the pools are
        // cold) and the frames' copy: about 9 times the JSON (40 MB here). Escaping the string whole took a work buffer
        // of six times the string's length on top: 107 MB, 23 times.
        Assert.InRange(allocated, frames.Length, 12L * frames.Length);
    }

    // Frames as the kernel side sends them.
    private static async Task<byte[]> FramesAsync(byte[] key, params KernelMessage[] messages)
    {
        var stream = new MemoryStream();
        using var channel = new KernelChannel(new KeepOpen(stream), key, isRunner: false);
        foreach (var message in messages)
            await channel.SendAsync(message);
        return stream.ToArray();
    }

    private static async Task<List<KernelMessage>> ReceiveAsync(byte[] frames, byte[] key, int count = 1, bool runnerReceives = true)
    {
        using var channel = new KernelChannel(new MemoryStream(frames), key, isRunner: runnerReceives);
        var messages = new List<KernelMessage>();
        for (var i = 0; i < count; i++)
            messages.Add(await channel.ReceiveAsync() ?? throw new InvalidOperationException("the frames ended"));
        return messages;
    }

    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        // Synchronous, as a MemoryStream's are: Stream's own asynchronous versions would run on another thread.
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            inner.Flush();
            return Task.CompletedTask;
        }
    }
}
