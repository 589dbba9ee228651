using System.Text.Json;
using WideEvents.Shipper.Hosting;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// The checkpoints of one file source, saved whole by write, fsync, rename, so a crash leaves
/// either the old or the new file. Saved only after the records it covers are durable in the buffer.
/// </summary>
internal sealed class CheckpointStore
{
    private readonly string _path;

    /// <exception cref="InvalidDataException">The file is empty or not valid JSON.</exception>
    public CheckpointStore(string path)
    {
        _path = path;
        Entries = Load(path);
    }

    public List<FileCheckpoint> Entries { get; }

    public static string PathFor(string dataDirectory, string sourceName) => Path.Combine(dataDirectory, "checkpoints." + sourceName + ".json");

    /// <summary>
    /// The saved checkpoints, none when there is no file. An empty or unreadable file is refused
    /// rather than taken for "no checkpoints": that would read every file again under new source ids.
    /// </summary>
    public static List<FileCheckpoint> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        const string Advice = "Restore it, or move it away to read every file again from the start (records already shipped would be shipped again under new source ids).";
        byte[] content = File.ReadAllBytes(path);
        if (content.Length == 0)
        {
            throw new InvalidDataException($"The checkpoint file {path} is empty. {Advice}");
        }

        try
        {
            return JsonSerializer.Deserialize(content, StateFileJson.Default.ListFileCheckpoint) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The checkpoint file {path} is not valid JSON ({e.Message}). {Advice}", e);
        }
    }

    public void Save()
    {
        string temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            JsonSerializer.Serialize(stream, Entries, StateFileJson.Default.ListFileCheckpoint);
            stream.Flush(flushToDisk: true);
        }

        DurableFiles.Replace(temporary, _path, fsync: true);
    }
}
