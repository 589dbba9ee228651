using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Hosting;
using WideEvents.Shipper.Nats;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tests.Nats;

/// <summary>The parts of the NATS transport that need no server: stream subjects, message encoding, configuration problems.</summary>
public sealed class NatsConfigurationTests
{
    [Theory]
    [InlineData("wide.records.{host}", "wide.records.>")]
    [InlineData("wide.records.rack1.{host}", "wide.records.rack1.>")]
    [InlineData("fixed.subject", "fixed.subject")]
    public void The_stream_subjects_cover_every_host(string subject, string expected)
    {
        Assert.Equal([expected], NatsStreamSetup.StreamSubjects(new NatsSinkOptions { Subject = subject }));
        Assert.DoesNotContain("{host}", NatsStreamSetup.Subject(new NatsSinkOptions { Subject = subject }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_survives_the_message_encoding_and_its_id_names_source_and_sequences()
    {
        var run = new RecordRun("source-1", 41, 2, "{\"a\":1}\n{\"a\":2}\n"u8.ToArray());

        RecordRun? decoded = NatsMessage.Decode(new System.Buffers.ReadOnlySequence<byte>(NatsMessage.Encode(run)), out string? problem);

        Assert.Null(problem);
        Assert.NotNull(decoded);
        Assert.Equal((run.SourceId, run.FirstSequence, run.Count), (decoded.SourceId, decoded.FirstSequence, decoded.Count));
        Assert.Equal(run.Lines.ToArray(), decoded.Lines.ToArray());
        Assert.Equal("source-1:41-42", NatsMessage.MessageId(run));
    }

    [Fact]
    public void A_message_that_is_not_a_run_is_refused_with_the_reason()
    {
        RecordRun? decoded = NatsMessage.Decode(new System.Buffers.ReadOnlySequence<byte>("{\"not\":\"a batch\"}\n"u8.ToArray()), out string? problem);

        Assert.Null(decoded);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void A_NATS_sink_or_source_without_servers_or_with_a_missing_file_is_a_configuration_problem()
    {
        var options = new ShipperOptions();
        options.Sinks.Nats.Add(new NatsSinkOptions { Name = "js", Replicas = 2 });
        options.Sources.Nats.Add(new NatsSourceOptions { Name = "in", Servers = ["nats://127.0.0.1:4222"], CredentialsFile = "/nonexistent/user.creds" });

        IReadOnlyList<string> problems = ShipperOptionsValidator.Problems(options);

        Assert.Contains(problems, p => p.Contains("NATS sink 'js' has no Servers", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Replicas", StringComparison.Ordinal)); // 2 is allowed, if unusual
        Assert.Contains(problems, p => p.Contains("NATS source 'in'", StringComparison.Ordinal) && p.Contains("/nonexistent/user.creds", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("No sinks", StringComparison.Ordinal));
    }
}
