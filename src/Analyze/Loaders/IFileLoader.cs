using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

internal interface IFileLoader
{
    /// <summary>Reads one file; <paramref name="badLines"/> counts lines that were skipped.</summary>
    List<Record> Load(string path, out int badLines);
}
