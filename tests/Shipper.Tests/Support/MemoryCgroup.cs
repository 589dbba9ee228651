namespace WideEvents.Shipper.Tests.Support;

/// <summary>A child of this process's cgroup v1 memory group with a 30 MB limit, for a real OOM kill.</summary>
internal static class MemoryCgroup
{
    /// <summary>Why no OOM kill can be made here, or null when it can (a cgroup is made and removed to find out).</summary>
    public static string? Unavailable { get; } = Probe();

    private static string? Probe()
    {
        if (!File.Exists("/usr/bin/python3") || !File.Exists("/dev/kmsg"))
        {
            return "needs /usr/bin/python3 and /dev/kmsg";
        }

        string? path = Create();
        if (path is null)
        {
            return "needs root and a writable cgroup v1 memory controller";
        }

        Remove(path);
        return null;
    }

    public static string? Create()
    {
        try
        {
            string? line = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.Split(':') is [_, "memory", _]);
            if (line is null)
            {
                return null;
            }

            string path = Path.Combine("/sys/fs/cgroup/memory" + line.Split(':')[2], "wideevents-oom-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "memory.limit_in_bytes"), "30000000");
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Remove(string? path)
    {
        if (path is not null && Directory.Exists(path))
        {
            Directory.Delete(path); // rmdir: a cgroup directory is removed empty, with its control files
        }
    }
}
