namespace WideEvents.Cli.Demo;

/// <summary>
/// Counts complete lines in the JSON-lines files under a directory, reading only what each file
/// gained since the last count, so it can be polled while files grow.
/// </summary>
internal sealed class LineCounter(string directory, string pattern)
{
    private readonly Dictionary<string, (long Offset, long Lines)> _files = new(StringComparer.Ordinal);
    private readonly byte[] _buffer = new byte[1 << 16];

    public long Count()
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        foreach (var path in Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories))
        {
            var (offset, lines) = _files.GetValueOrDefault(path);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset)
            {
                (offset, lines) = (0, 0);
            }

            stream.Position = offset;
            int read;
            var lastNewline = offset;
            var position = offset;
            while ((read = stream.Read(_buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (_buffer[i] == (byte)'\n')
                    {
                        lines++;
                        lastNewline = position + i + 1;
                    }
                }

                position += read;
            }

            // A partial last line is counted when its newline arrives.
            _files[path] = (lastNewline, lines);
        }

        return _files.Values.Sum(f => f.Lines);
    }
}
