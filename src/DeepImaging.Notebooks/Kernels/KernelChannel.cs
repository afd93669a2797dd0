using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeepImaging.Notebooks;

/// <summary>
/// The private channel between the runner and a kernel process: a connected socket that only the two of them hold,
/// carrying <see cref="KernelMessage"/>s. Each message is a frame of its length, its JSON and an HMAC-SHA256 of the
/// sender's side, a sequence number and the JSON, keyed with a secret made for this kernel process. A message that
/// was forged, replayed, reordered or sent the wrong way fails its check and ends the channel.
/// </summary>
internal sealed class KernelChannel : IDisposable
{
    /// <summary>The largest message accepted: a cell's outputs are capped well below it (see <see cref="OutputCollector"/>).</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    private const int MacBytes = 32;

    // The channel is private, so JSON need not be escaped for HTML: HTML outputs stay about their own size. Long strings
    // are written in segments, so that sending a large output needs little more memory than the output itself.
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Converters = { new SegmentedStringConverter() },
    };

    private readonly Stream stream;
    private readonly byte[] key;
    private readonly byte sendSide;
    private readonly byte receiveSide;
    private readonly SemaphoreSlim sending = new(1, 1);
    private long sent;
    private long received;

    /// <param name="stream">The connected socket's stream; the channel owns it.</param>
    /// <param name="key">The secret shared with the other side.</param>
    /// <param name="isRunner">True on the runner's side, false on the kernel's.</param>
    public KernelChannel(Stream stream, byte[] key, bool isRunner)
    {
        this.stream = stream;
        this.key = key;
        (sendSide, receiveSide) = isRunner ? ((byte)'R', (byte)'K') : ((byte)'K', (byte)'R');
    }

    /// <summary>A new random secret for one kernel process.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>Sends one message.</summary>
    public async Task SendAsync(KernelMessage message, CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        await sending.WaitAsync(cancellationToken);
        try
        {
            // Length, JSON and MAC written one after the other: a large payload is not copied into one frame.
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, payload.Length);
            await stream.WriteAsync(header, cancellationToken);
            await stream.WriteAsync(payload, cancellationToken);
            await stream.WriteAsync(Mac(sendSide, sent++, payload), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Receives the next message, or null when the other side has closed the channel (or died).</summary>
    /// <exception cref="KernelChannelException">A message failed its check: the channel cannot be trusted any more.</exception>
    public async Task<KernelMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var header = new byte[4];
        if (!await ReadExactlyOrEndAsync(header, cancellationToken))
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxMessageBytes)
            throw new KernelChannelException($"a message claimed {length} bytes (at most {MaxMessageBytes} are accepted)");
        var body = new byte[length + MacBytes];
        if (!await ReadExactlyOrEndAsync(body, cancellationToken))
            throw new KernelChannelException("the channel ended in the middle of a message");
        var payload = body.AsSpan(0, length);
        if (!CryptographicOperations.FixedTimeEquals(Mac(receiveSide, received++, payload), body.AsSpan(length)))
            throw new KernelChannelException("a message failed its authentication check");
        try
        {
            return JsonSerializer.Deserialize<KernelMessage>(payload, Json)
                   ?? throw new KernelChannelException("an authenticated message was empty");
        }
        catch (JsonException e)
        {
            throw new KernelChannelException($"an authenticated message was not valid: {e.Message}");
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        sending.Dispose();
    }

    private byte[] Mac(byte side, long sequence, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> prefix = stackalloc byte[9];
        prefix[0] = side;
        BinaryPrimitives.WriteInt64BigEndian(prefix[1..], sequence);
        hmac.AppendData(prefix);
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    // False when the stream ends before the first byte; an end after it is a broken message.
    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            }
            catch (IOException)
            {
                n = 0;  // the other side died: a reset connection is an end like any other
            }
            if (n == 0)
            {
                if (read == 0) return false;
                throw new KernelChannelException("the channel ended in the middle of a message");
            }
            read += n;
        }
        return true;
    }
}
