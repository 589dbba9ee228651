using System.Diagnostics;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>
/// A tmpfs of a few MiB mounted on a fresh directory, to run out of space for real; unmounted
/// on dispose. Mounting needs root (or CAP_SYS_ADMIN): <see cref="Unavailable"/> says why not.
/// </summary>
internal sealed class SmallVolume : IDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeMount);

    public SmallVolume(long bytes)
    {
        Path = Directory.CreateTempSubdirectory("ws-vol-").FullName;
        string? failure = Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0700", "tmpfs", Path);
        if (failure is not null)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can.</summary>
    public static string? Unavailable => Probe.Value;

    public string Path { get; }

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Takes every free byte, as a full disk.</summary>
    public void Fill()
    {
        using var filler = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 0);
        for (int chunk = 1 << 20; chunk >= 512; chunk /= 2)
        {
            byte[] bytes = new byte[chunk];
            try
            {
                while (true)
                {
                    filler.Write(bytes);
                }
            }
            catch (IOException)
            {
                // No room for this chunk: try a smaller one, down to the last block.
                filler.SetLength(filler.Position);
            }
        }
    }

    /// <summary>Gives the space back.</summary>
    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        // A child process being killed may still hold a file: detach lazily rather than fail.
        if (Run("umount", Path) is not null)
        {
            Run("umount", "-l", Path);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? ProbeMount()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs volumes need Linux";
        }

        try
        {
            using var probe = new SmallVolume(1 << 20);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return "cannot mount a small tmpfs to fill (needs root or CAP_SYS_ADMIN): " + e.Message;
        }
    }

    private static string? Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Trim()}";
    }
}
