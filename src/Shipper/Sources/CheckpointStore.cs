using System.Text.Json;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// The checkpoints of one file source, saved whole by write, fsync, rename, so a crash leaves
/// either the old or the new file. Saved only after the records it covers are durable in the buffer.
/// </summary>
internal sealed class CheckpointStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly string _path;

    public CheckpointStore(string path)
    {
        _path = path;
        if (File.Exists(path))
        {
            Entries = JsonSerializer.Deserialize<List<FileCheckpoint>>(File.ReadAllBytes(path), Json) ?? [];
        }
    }

    public List<FileCheckpoint> Entries { get; } = [];

    public void Save()
    {
        string temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            JsonSerializer.Serialize(stream, Entries, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
