namespace WideEvents.Shipper.Tests.Support;

/// <summary>A fresh directory under /tmp, deleted on dispose. Short paths keep unix socket paths under their 108-byte limit.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("ws-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process being killed may still hold a file; /tmp is cleaned eventually.
        }
    }
}
