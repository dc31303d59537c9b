using System.Text;

namespace Nad.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never half of it:
/// the content goes to a temporary file with a unique name beside the target (same folder, so the
/// rename stays on one file system), is flushed to disk, and is then renamed over the target. On
/// any failure (the writer throws, the disk fills, the rename is refused) the temporary file is
/// deleted and the old target is left as it was. The folder must exist: a missing one is an error
/// that names the target, not the temporary file.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write) =>
        Write(path, stream =>
        {
            write(stream);
            return true;
        });

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, atomically; returns what it returns (a row count, say).</summary>
    public static T Write<T>(string path, Func<Stream, T> write)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot write {target}: the folder {folder} does not exist.");
        // Hidden, unique and beside the target: concurrent writers never share a temporary file, and the rename is atomic.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            T result;
            using (var file = Create(temporary, target))
            {
                result = write(file);
                file.Flush(flushToDisk: true);
            }
            Replace(temporary, target);
            return result;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) to <paramref name="path"/>, atomically; returns what <paramref name="write"/> returns.</summary>
    public static T WriteText<T>(string path, Func<TextWriter, T> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
            var result = write(writer);
            writer.Flush();
            return result;
        });

    /// <summary>Writes UTF-8 text (no byte-order mark) to <paramref name="path"/>, atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        WriteText(path, writer =>
        {
            write(writer);
            return true;
        });

    private static FileStream Create(string temporary, string target)
    {
        try
        {
            return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary name means nothing to the user: say which file could not be written.
            throw new IOException($"Cannot write {target}: {e.Message.Replace(temporary, target, StringComparison.Ordinal)}", e);
        }
    }

    private static void Replace(string temporary, string target)
    {
        try
        {
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot replace {target}: {e.Message.Replace(temporary, target, StringComparison.Ordinal)}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
