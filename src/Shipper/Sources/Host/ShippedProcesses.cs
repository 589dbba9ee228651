using System.Globalization;
using Microsoft.Extensions.FileSystemGlobbing;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// The processes the sidecar ships for: those with a file open that one of its file sources'
/// globs matches (found through <c>/proc/PID/fd</c>, so a writer is found whatever it is called),
/// and their CPU time and RSS.
/// </summary>
internal sealed class ShippedProcesses(IReadOnlyList<FileSourceOptions> sources)
{
    private readonly List<(string BaseDirectory, Matcher Matcher)> _matchers = [.. sources.Select(s =>
    {
        var matcher = new Matcher();
        matcher.AddIncludePatterns(s.Include);
        matcher.AddExcludePatterns(s.Exclude);
        return (Path.GetFullPath(s.BaseDirectory), matcher);
    })];

    /// <summary>Pid, name, CPU seconds so far, RSS bytes of each process with a matched file open (the shipper itself left out).</summary>
    public List<(int Pid, string Name, double CpuSeconds, double RssBytes)> Read()
    {
        var found = new List<(int, string, double, double)>();
        int self = Environment.ProcessId;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == self || !HasMatchedFileOpen(dir))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // The name is in parentheses and may hold spaces; the fields after it are plain.
                int close = stat.LastIndexOf(')');
                string name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
                string[] f = stat[(close + 2)..].Split(' ');
                double cpu = (double.Parse(f[11], CultureInfo.InvariantCulture) + double.Parse(f[12], CultureInfo.InvariantCulture)) / ProcStat.TicksPerSecond;
                double rss = double.Parse(f[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                found.Add((pid, name, cpu, rss));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while it was read.
            }
        }

        return found;
    }

    private bool HasMatchedFileOpen(string processDirectory)
    {
        try
        {
            foreach (string fd in Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd")))
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith('/') && Matches(target))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to look at, or gone.
        }

        return false;
    }

    private bool Matches(string path)
    {
        foreach ((string baseDirectory, Matcher matcher) in _matchers)
        {
            if (path.StartsWith(baseDirectory, StringComparison.Ordinal) && matcher.Match(baseDirectory, path).HasMatches)
            {
                return true;
            }
        }

        return false;
    }
}
