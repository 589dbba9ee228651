using System.Globalization;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// JSON lines in CLEF, one file per process. Every file begins with a header record carrying a
/// <c>file_uuid</c>, so a tailer can tell files apart without trusting inodes or first bytes.
/// With rolling on, full files are left in place and the next one gets a number
/// (<c>x.jsonl</c>, <c>x.1.jsonl</c>, ...): nothing is renamed under a tailer.
/// </summary>
internal sealed class FileRecordWriter : IRecordWriter
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly RecordFormatter _formatter;
    private readonly string _basePath;
    private readonly long _rollSize;
    private FileStream _stream;
    private int _segment;

    public FileRecordWriter(HandlerOptions settings, RecordFormatter formatter)
    {
        _formatter = formatter;
        _rollSize = settings.RollSizeBytes;
        var directory = Path.GetFullPath(settings.Directory ?? Environment.CurrentDirectory);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else if (!System.IO.Directory.Exists(directory))
        {
            // Owner-only: records can hold anything the application logs.
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _basePath = Path.Combine(directory, formatter.ExpandName(settings.FileName));
        _stream = Open(_basePath);
    }

    /// <summary>The file being written now.</summary>
    public string CurrentPath => _stream.Name;

    public ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        // Synchronous writes: this runs on the drain task, never on a caller.
        if (_rollSize <= 0)
        {
            foreach (var lines in batch.Lines)
            {
                _stream.Write(lines.Span);
            }

            return ValueTask.CompletedTask;
        }

        var records = batch.Records;
        for (var i = 0; i < records.Count; i++)
        {
            _stream.Write(records[i].Span);
            _stream.Write(Newline);
            if (_stream.Position >= _rollSize)
            {
                Roll();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _stream.Flush();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Roll()
    {
        _stream.Dispose();
        _segment++;
        var extension = Path.GetExtension(_basePath);
        var path = Path.ChangeExtension(_basePath, null) + "." + _segment.ToString(CultureInfo.InvariantCulture) + extension;
        _stream = Open(path);
    }

    private FileStream Open(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = 1 << 16,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        if (stream.Length == 0)
        {
            var header = _formatter.FormatSystemRecord(
                LogLevel.Information,
                "WideEvents file {file_uuid} begins",
                (RecordFields.FileUuid, ObjectIdentity.NewId()),
                ("file_segment", _segment));
            stream.Write(header);
            stream.Write(Newline);
        }

        return stream;
    }
}
