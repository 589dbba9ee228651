using System.Diagnostics;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.CommandLine;

public sealed class ShipperCommandLineTests
{
    [Fact]
    public async Task Version_prints_the_package_version_and_exits_0()
    {
        (int exitCode, string output) = await RunAsync("--version");

        Assert.Equal(0, exitCode);
        string expected = typeof(WideEvents.Shipper.CommandLine.ShipperExitCodes).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(expected, output.Trim());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("status")]
    public async Task Help_of_each_command_names_the_config_option_and_exits_0(string command)
    {
        (int exitCode, string output) = await RunAsync(command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--config", output, StringComparison.Ordinal);
        Assert.Contains("WIDE_SHIPPER_", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("run")]
    [InlineData("status", "--config", "/nonexistent/wide-shipper.json")]
    public async Task A_command_line_that_cannot_run_exits_2_with_the_reason(params string[] arguments)
    {
        (int exitCode, string output) = await RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains("--help", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_whether_a_shipper_holds_the_data_directory()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sinks": { "Stdout": [ {} ] }, "Health": { "IntervalSeconds": 1 } }""");
        using (ShipperProcess shipper = ShipperProcess.Start(config))
        {
            await Eventually.HoldsAsync(() => File.Exists(directory.Combine("data", "status.json")), TimeSpan.FromSeconds(30), () => shipper.Log);

            (int running, string runningOutput) = await RunAsync("status", "--config", config);

            Assert.Equal(0, running);
            Assert.Contains("A wide-shipper is running on", runningOutput, StringComparison.Ordinal);
            Assert.Contains("s ago", runningOutput, StringComparison.Ordinal);
            Assert.Contains("records_in", runningOutput, StringComparison.Ordinal);
            Signals.Terminate(shipper.Id);
            Assert.Equal(0, await shipper.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        (int stopped, string stoppedOutput) = await RunAsync("status", "--config", config);

        Assert.Equal(1, stopped);
        Assert.Contains("No wide-shipper is running on", stoppedOutput, StringComparison.Ordinal);
        Assert.Contains("Last status: written", stoppedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_overrides_after_the_options_still_apply()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sinks": { "Stdout": [ {} ] } }""");

        (int exitCode, string output) = await RunAsync("status", "--config", config, "--DataDirectory=elsewhere");

        Assert.Equal(1, exitCode);
        Assert.Contains(directory.Combine("elsewhere"), output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        ProcessStartInfo info = ShipperProcess.StartInfo(arguments);
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
