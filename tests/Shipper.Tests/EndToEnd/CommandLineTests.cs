using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class CommandLineTests
{
    [Fact]
    public async Task An_invalid_configuration_is_refused_at_start_with_every_problem_and_exit_code_2()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("bad.json");
        File.WriteAllText(config, """{ "Sources": { "Files": [ { "Include": [] } ] }, "Sinks": { "Grpc": [ { "Address": "not a uri" } ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("File source 'files' has no Include globs.", process.Log, StringComparison.Ordinal);
        Assert.Contains("gRPC sink 'grpc' has no valid Address.", process.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_shipper_on_the_same_data_directory_is_refused()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sinks": { "Stdout": [ {} ] } }""");
        using ShipperProcess first = ShipperProcess.Start(config);
        await Eventually.HoldsAsync(() => first.Log.Contains("wide-shipper started", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => first.Log);

        using ShipperProcess second = ShipperProcess.Start(config);

        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("in use by another wide-shipper", second.Log, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task A_second_collector_on_the_same_store_directory_is_refused()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sinks": { "Stores": [ { "Directory": "store" } ] } }""");
        using ShipperProcess first = ShipperProcess.Start(config);
        await Eventually.HoldsAsync(() => first.Log.Contains("wide-shipper started", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => first.Log);

        using ShipperProcess second = ShipperProcess.Start(config, "--DataDirectory=data2");

        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("store directory", second.Log, StringComparison.Ordinal);
        Assert.Contains("in use by another wide-shipper", second.Log, StringComparison.Ordinal);
        Assert.False(first.HasExited);
        Assert.Empty(Directory.GetFiles(directory.Combine("store"), "lock"));
    }

    [Fact]
    public async Task Status_before_any_run_says_so_and_exits_1()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sinks": { "Stdout": [ {} ] } }""");

        using ShipperProcess process = ShipperProcess.Run("status", config);

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("has not run", process.Log, StringComparison.Ordinal);
    }
}
