namespace WideEvents.Shipper.Hosting;

/// <summary>
/// Holds an exclusive lock on <c>DIRECTORY/lock</c> for the life of the process, so two
/// shippers can never share one buffer and set of checkpoints, or one store. .NET takes the
/// lock with <c>flock</c>, which the kernel releases when the process dies, however it dies.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    private DirectoryLock(FileStream stream)
    {
        _lock = stream;
    }

    /// <param name="directory">The directory to own.</param>
    /// <param name="what">What the directory is, for the message (<c>data directory</c>, <c>store directory</c>).</param>
    /// <param name="advice">What to do about it, for the message.</param>
    /// <exception cref="InvalidDataException">Another process holds the directory.</exception>
    public static DirectoryLock Acquire(string directory, string what, string advice)
    {
        string path = Path.Combine(directory, "lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush();
            return new DirectoryLock(stream);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The {what} {directory} is in use by another wide-shipper ({e.Message}). {advice}", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
