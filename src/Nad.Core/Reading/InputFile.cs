using System.IO.Compression;

namespace Nad.Core.Reading;

/// <summary>
/// Opens a data file for text reading: gunzips when the bytes say gzip (whatever the name),
/// and refuses files that are missing or binary with a clear <see cref="DataFormatException"/>.
/// </summary>
public static class InputFile
{
    private const int SniffLength = 8192;

    /// <summary>Opens <paramref name="path"/>; the caller disposes the stream.</summary>
    public static Stream Open(string path)
    {
        if (Directory.Exists(path))
            throw new DataFormatException(new DataError(path, 0, null, null, null, "is a folder, not a file"));
        if (!File.Exists(path))
            throw new DataFormatException(new DataError(path, 0, null, null, null, "does not exist"));
        Stream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(new DataError(path, 0, null, null, null, $"cannot be opened: {e.Message}"));
        }
        return Decode(file, path);
    }

    /// <summary>Wraps an already open stream (an upload, say): gunzip if gzip, refuse binary.</summary>
    public static Stream Decode(Stream raw, string name)
    {
        try
        {
            var head = new byte[2];
            var headLength = raw.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            Stream stream = new PrefixedStream(head.AsSpan(0, headLength).ToArray(), raw);
            if (headLength == 2 && head[0] == 0x1f && head[1] == 0x8b)
                stream = new GZipStream(stream, CompressionMode.Decompress);

            var sniff = new byte[SniffLength];
            var sniffLength = stream.ReadAtLeast(sniff, SniffLength, throwOnEndOfStream: false);
            if (LooksBinary(sniff.AsSpan(0, sniffLength)))
                throw new DataFormatException(new DataError(name, 0, null, null, null,
                    "is a binary file, not comma-separated text (expected NSL-KDD rows: 41 features, then optionally attack and lastflag)"));
            return new PrefixedStream(sniff.AsSpan(0, sniffLength).ToArray(), stream);
        }
        catch (InvalidDataException e)
        {
            raw.Dispose();
            throw new DataFormatException(new DataError(name, 0, null, null, null, $"is not a valid gzip file: {e.Message}"));
        }
        catch (DataFormatException)
        {
            raw.Dispose();
            throw;
        }
    }

    // Text CSV has no NUL bytes and few control characters; compressed or executable data has many.
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0)) return true;
        var control = 0;
        foreach (var b in bytes)
            if (b < 32 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t')) control++;
        return bytes.Length > 0 && control * 20 > bytes.Length;
    }

    /// <summary>A stream that first replays bytes already read from the inner stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return inner.Read(buffer);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
