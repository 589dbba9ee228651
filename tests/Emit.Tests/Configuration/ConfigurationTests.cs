using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void Handlers_are_configured_from_an_IConfiguration_section()
    {
        using var directory = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WideEvents:Component"] = "interchange",
            ["WideEvents:Fields:run_id"] = "run-7",
            ["WideEvents:Handlers:0:Type"] = "File",
            ["WideEvents:Handlers:0:Directory"] = directory.Path,
            ["WideEvents:Handlers:0:MinimumLevel"] = "Warning",
        }).Build();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddWideEvents(configuration)))
        {
            var logger = factory.CreateLogger("x");
            logger.LogInformation("skipped");
            logger.LogWarning("kept");
        }

        var record = Assert.Single(Records.ReadDirectory(directory.Path, "interchange.*.jsonl").WithoutHeaders());
        Assert.Equal("kept", record.Str("@mt"));
        Assert.Equal("run-7", record.Str("run_id"));
        Assert.Equal("interchange", record.Str("component"));
    }

    [Fact]
    public void Rendered_environment_variables_bind_back_to_the_same_options()
    {
        var options = new WideEventsOptions { Component = "worker", IncludeRenderedMessage = true };
        options.Fields["run_id"] = "r1";
        options.Ambient.Thread = false;
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = "/tmp/x", RollSizeBytes = 1024 });
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = "/tmp/s.sock", RequireKey = "metric", MinimumLevel = LogLevel.Debug, FullMode = QueueFullMode.Block });

        var variables = WideEventsEnvironment.Render(options);
        Assert.Equal("File", variables["WideEvents__Handlers__0__Type"]);
        Assert.Equal("/tmp/s.sock", variables["WideEvents__Handlers__1__Path"]);
        Assert.Equal("r1", variables["WideEvents__Fields__run_id"]);

        var copy = WideEventsEnvironment.Copy(options);
        Assert.Equal(variables, WideEventsEnvironment.Render(copy));
        Assert.Equal("metric", copy.Handlers[1].RequireKey);
        Assert.False(copy.Ambient.Thread);
    }

    [Fact]
    public void ApplyTo_replaces_inherited_WideEvents_variables()
    {
        var start = new ProcessStartInfo("true");
        start.Environment["WideEvents__Handlers__3__Type"] = "File";
        var options = new WideEventsOptions();
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = "/tmp/a.sock" });

        WideEventsEnvironment.ApplyTo(start, options);

        Assert.False(start.Environment.ContainsKey("WideEvents__Handlers__3__Type"));
        Assert.Equal("UnixSocket", start.Environment["WideEvents__Handlers__0__Type"]);
    }

    [Fact]
    public void Incomplete_handler_settings_are_rejected_at_start_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddWideEvents(o => o.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket })));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WideEventsOptions>>().Value);
        Assert.Contains("WideEvents:Handlers:0:Path is required", error.Message);
    }

    [Fact]
    public void A_pinned_certificate_with_a_plain_http_address_is_rejected_at_start()
    {
        var pem = Path.GetTempFileName();
        try
        {
            var services = new ServiceCollection();
            services.AddLogging(b => b.AddWideEvents(o => o.Handlers.Add(new HandlerOptions { Type = HandlerType.Grpc, Address = "http://127.0.0.1:4317", TrustedCertificatePath = pem })));
            using var provider = services.BuildServiceProvider();

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WideEventsOptions>>().Value);
            Assert.Contains("WideEvents:Handlers:0: TrustedCertificatePath is set, so Address must be https://", error.Message);
        }
        finally
        {
            File.Delete(pem);
        }
    }
}
