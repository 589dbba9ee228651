using WideEvents.Shipper.Hosting;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Hosting;

public sealed class DurableFilesTests
{
    [Fact]
    public void Replace_puts_the_new_content_in_place_and_leaves_no_temporary()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("state.json");
        File.WriteAllText(path, "old");
        File.WriteAllText(path + ".tmp", "new");

        DurableFiles.Replace(path + ".tmp", path, fsync: true);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Syncing_a_directory_that_cannot_be_opened_fails_loudly_with_its_path()
    {
        using var directory = new TempDirectory();
        string missing = directory.Combine("missing");

        var error = Assert.Throws<IOException>(() => DurableFiles.SyncDirectory(missing));

        Assert.Contains(missing, error.Message);
    }
}
