namespace Nad.Alerts.Export;

/// <summary>
/// Appends one ECS document a line to a file, flushed after each batch. When a line would take the
/// file past <see cref="FileSinkSettings.MaxBytes"/> it is rotated first: <c>alerts.jsonl</c> becomes
/// <c>alerts.1.jsonl</c>, the older ones move up one, and the one past <see cref="FileSinkSettings.Keep"/> is deleted.
/// A failed write (disk full, a file locked) is retried three times, then the batch is dropped.
/// </summary>
public sealed class JsonLinesFileSink(FileSinkSettings settings, EcsDocument ecs) : IAlertSink
{
    private const int Attempts = 3;
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private FileStream? _file;

    public string Name { get; } = NameFor(settings.Path);

    public static string NameFor(string path) => "file:" + Path.GetFileName(path);

    /// <summary>The path of rotated copy <paramref name="n"/> (<c>alerts.jsonl</c>, 2 → <c>alerts.2.jsonl</c>).</summary>
    public static string RotatedPath(string path, int n) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.{n}{Path.GetExtension(path)}");

    public async Task<DeliveryReport> SendAsync(IReadOnlyList<Alert> batch, CancellationToken cancellationToken)
    {
        var lines = batch.Select(ecs.ToUtf8).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(lines, cancellationToken);
                return DeliveryReport.Sent(attempt - 1);
            }
            catch (IOException) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                await CloseAsync();
                await Task.Delay(100 * attempt, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                await CloseAsync();
                return DeliveryReport.Dropped(attempt - 1);
            }
        }
    }

    private async Task WriteAsync(byte[][] lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            var file = Open();
            if (file.Length > 0 && file.Length + line.Length + 1 > settings.MaxBytes)
            {
                await CloseAsync();
                Rotate();
                file = Open();
            }
            await file.WriteAsync(line, cancellationToken);
            await file.WriteAsync(NewLine, cancellationToken);
        }
        await _file!.FlushAsync(cancellationToken);
    }

    private FileStream Open()
    {
        if (_file is not null) return _file;
        var folder = Path.GetDirectoryName(Path.GetFullPath(settings.Path));
        if (folder is not null) Directory.CreateDirectory(folder);
        return _file = new FileStream(settings.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
    }

    private void Rotate()
    {
        var path = settings.Path;
        if (settings.Keep == 0)
        {
            File.Delete(path);
            return;
        }
        File.Delete(RotatedPath(path, settings.Keep));
        for (var n = settings.Keep - 1; n >= 1; n--)
            if (File.Exists(RotatedPath(path, n))) File.Move(RotatedPath(path, n), RotatedPath(path, n + 1));
        File.Move(path, RotatedPath(path, 1));
    }

    private async Task CloseAsync()
    {
        if (_file is null) return;
        try { await _file.DisposeAsync(); }
        catch (IOException) { } // the flush of a failed file: what it held is retried or dropped by the caller
        _file = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
