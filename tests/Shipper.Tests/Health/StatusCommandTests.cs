using System.Text.Json;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Health;

public sealed class StatusCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_held_lock_with_a_fresh_status_is_running_and_exits_0()
    {
        using var directory = new TempDirectory();
        WriteStatus(directory.Path, Now.AddSeconds(-5));
        using FileStream held = HoldLock(directory.Path);
        var output = new StringWriter();

        int code = StatusCommand.Run(directory.Path, TimeSpan.FromSeconds(10), output, new FixedTime(Now));

        Assert.Equal(0, code);
        Assert.Contains("A wide-shipper is running on", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("written 5 s ago", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("records_in", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_lock_whose_status_is_older_than_three_intervals_is_stale_and_exits_3()
    {
        using var directory = new TempDirectory();
        WriteStatus(directory.Path, Now.AddSeconds(-31));
        using FileStream held = HoldLock(directory.Path);
        var output = new StringWriter();

        int code = StatusCommand.Run(directory.Path, TimeSpan.FromSeconds(10), output, new FixedTime(Now));

        Assert.Equal(3, code);
        Assert.Contains("may be stuck", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_file_nobody_holds_is_not_running_and_exits_1_with_the_last_status()
    {
        using var directory = new TempDirectory();
        WriteStatus(directory.Path, Now.AddHours(-1));
        File.WriteAllText(Path.Combine(directory.Path, "lock"), "12345");
        var output = new StringWriter();

        int code = StatusCommand.Run(directory.Path, TimeSpan.FromSeconds(10), output, new FixedTime(Now));

        Assert.Equal(1, code);
        Assert.Contains("No wide-shipper is running on", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("written 3600 s ago", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("may be stuck", output.ToString(), StringComparison.Ordinal);
    }

    private static FileStream HoldLock(string directory) =>
        new(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    private static void WriteStatus(string directory, DateTimeOffset writtenAt)
    {
        var metrics = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["records_in"] = 7, ["records_out"] = 7 };
        var status = new ShipperStatus(writtenAt, writtenAt.AddMinutes(-1), 4242, metrics);
        File.WriteAllBytes(Path.Combine(directory, HealthReporter.StatusFileName), JsonSerializer.SerializeToUtf8Bytes(status, ShipperStatusJson.Default.ShipperStatus));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
