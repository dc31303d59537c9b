namespace Nad.Service.Captures;

/// <summary>
/// An upload copied to a file the server names (libpcap reads captures from a path): nothing from
/// the request reaches the path, the copy stops at the size limit, and disposing deletes the file.
/// </summary>
public sealed class CaptureSpool : IDisposable
{
    private CaptureSpool(string path, byte[] head)
    {
        Path = path;
        Head = head;
    }

    /// <summary>What stands for the spool path in every message: the server's paths are not the client's business.</summary>
    public const string ClientName = "upload";

    public string Path { get; }

    /// <summary>The first bytes of the upload (up to 512), to tell a capture from a conn.log.</summary>
    public byte[] Head { get; }

    /// <summary>Copies <paramref name="body"/> into a new file in <paramref name="folder"/> (empty: the temp folder).</summary>
    /// <exception cref="UploadTooLargeException">The upload is longer than <paramref name="maxBytes"/>; nothing is left on disk.</exception>
    /// <exception cref="CaptureSpoolUnavailableException">The spool folder cannot be created or written (a server fault).</exception>
    public static async Task<CaptureSpool> WriteAsync(Stream body, string folder, long maxBytes, CancellationToken cancellationToken)
    {
        var directory = string.IsNullOrEmpty(folder) ? System.IO.Path.GetTempPath() : folder;
        var path = System.IO.Path.Combine(directory, $"nad-upload-{Guid.NewGuid():N}.tmp");
        FileStream file;
        try
        {
            Directory.CreateDirectory(directory);
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaptureSpoolUnavailableException(e);
        }
        try
        {
            long length = 0;
            var head = new List<byte>(512);
            await using (file)
            {
                var buffer = new byte[1 << 16];
                int read;
                // Reading the body can fail with the client's IOException (a cut connection): that stays a 400.
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes) throw new UploadTooLargeException(maxBytes);
                    if (head.Count < 512) head.AddRange(buffer.AsSpan(0, Math.Min(read, 512 - head.Count)));
                    try
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                    catch (IOException e)
                    {
                        throw new CaptureSpoolUnavailableException(e); // disk full: the server's fault, and its message names the server's path
                    }
                }
            }
            return new CaptureSpool(path, [.. head]);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary><paramref name="message"/> with the spool path replaced by <see cref="ClientName"/>.</summary>
    public string Hide(string message) => message.Replace(Path, ClientName, StringComparison.Ordinal);

    public void Dispose() => TryDelete(Path);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
