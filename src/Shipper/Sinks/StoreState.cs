using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WideEvents.Shipper.Hosting;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// The store's commit record: per source, the current file, its committed length and the
/// high-water sequence. Rewritten (write, fsync, rename) after the data it covers is fsynced,
/// and before the buffer cursor moves, so data and de-duplication state never disagree.
/// A source's entry is saved before its first file is created, so a store file that no entry
/// covers means the state was lost, not that the file is uncommitted: it is adopted, never cut.
/// </summary>
internal sealed class StoreState
{
    public const string FileName = "store-state.json";

    private readonly string _path;
    private readonly bool _fsync;

    /// <exception cref="InvalidDataException">The state file is not valid JSON; starting would risk the stored data.</exception>
    public StoreState(string directory, bool fsync)
    {
        _path = Path.Combine(directory, FileName);
        _fsync = fsync;
        Sources = Load(_path) ?? new(StringComparer.Ordinal);
        Unclaimed = StoreFileRecovery.Uncovered(directory, new HashSet<string>(Sources.Values.Select(s => s.Prefix), StringComparer.Ordinal));
    }

    public Dictionary<string, StoreSourceState> Sources { get; }

    /// <summary>Series of store files no entry covers (the state was deleted, emptied or replaced), by prefix, until their source sends again.</summary>
    public Dictionary<string, StoreSourceState> Unclaimed { get; }

    /// <summary>The state of <paramref name="sourceId"/>; <paramref name="created"/> when it had none, in which case <see cref="Save"/> it before writing its data.</summary>
    public StoreSourceState For(string sourceId, out bool created)
    {
        created = false;
        if (Sources.TryGetValue(sourceId, out StoreSourceState? state))
        {
            return state;
        }

        string prefix = PrefixOf(sourceId);
        if (!Unclaimed.Remove(prefix, out state))
        {
            state = new StoreSourceState { Prefix = prefix };
            created = true;
        }

        Sources[sourceId] = state;
        return state;
    }

    public void Save()
    {
        string temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            JsonSerializer.Serialize(stream, Sources, StateFileJson.Default.DictionaryStringStoreSourceState);
            stream.Flush(flushToDisk: _fsync);
        }

        DurableFiles.Replace(temporary, _path, _fsync);
    }

    /// <summary>The saved state; null when there is none or the file is empty (then the files say what is stored).</summary>
    public static Dictionary<string, StoreSourceState>? Load(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return null;
        }

        try
        {
            Dictionary<string, StoreSourceState>? loaded = JsonSerializer.Deserialize(File.ReadAllBytes(path), StateFileJson.Default.DictionaryStringStoreSourceState);
            return loaded is null ? null : new Dictionary<string, StoreSourceState>(loaded, StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The store state {path} is not valid JSON ({e.Message}). Move it away to rebuild it from the store's files, or restore it.", e);
        }
    }

    /// <summary>A file-name-safe prefix; ids that needed changing get a hash so two cannot collide.</summary>
    public static string PrefixOf(string sourceId)
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
