namespace WideEvents.Shipper.Hosting;

/// <summary>
/// Holds an exclusive lock on <c>DATA_DIRECTORY/lock</c> for the life of the process, so two
/// shippers can never share one buffer and set of checkpoints. .NET takes the lock with
/// <c>flock</c>, which the kernel releases when the process dies, however it dies.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream stream)
    {
        _lock = stream;
    }

    /// <exception cref="InvalidDataException">Another process holds the directory.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, "lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush();
            return new DataDirectoryLock(stream);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The data directory {dataDirectory} is in use by another wide-shipper ({e.Message}). Give each shipper its own DataDirectory.", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
