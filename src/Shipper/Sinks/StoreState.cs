using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// The store's commit record: per source, the current file, its committed length and the
/// high-water sequence. Rewritten (write, fsync, rename) after the data it covers is fsynced,
/// and before the buffer cursor moves, so data and de-duplication state never disagree.
/// </summary>
internal sealed class StoreState
{
    private readonly string _path;
    private readonly bool _fsync;

    public StoreState(string directory, bool fsync)
    {
        _path = Path.Combine(directory, "store-state.json");
        _fsync = fsync;
        if (File.Exists(_path))
        {
            Sources = JsonSerializer.Deserialize<Dictionary<string, StoreSourceState>>(File.ReadAllBytes(_path)) ?? [];
        }
    }

    public Dictionary<string, StoreSourceState> Sources { get; } = new(StringComparer.Ordinal);

    public StoreSourceState For(string sourceId, out bool created)
    {
        created = !Sources.TryGetValue(sourceId, out StoreSourceState? state);
        if (state is null)
        {
            state = new StoreSourceState { Prefix = PrefixOf(sourceId) };
            Sources[sourceId] = state;
        }

        return state;
    }

    public void Save()
    {
        string temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            JsonSerializer.Serialize(stream, Sources);
            stream.Flush(flushToDisk: _fsync);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    /// <summary>A file-name-safe prefix; ids that needed changing get a hash so two cannot collide.</summary>
    private static string PrefixOf(string sourceId)
    {
        var safe = new StringBuilder(sourceId.Length);
        foreach (char c in sourceId)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        string prefix = safe.ToString();
        if (prefix != sourceId || prefix.Length == 0 || prefix.Length > 100)
        {
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)), 0, 4);
            prefix = (prefix.Length > 100 ? prefix[..100] : prefix) + "-" + hash;
        }

        return prefix;
    }
}
