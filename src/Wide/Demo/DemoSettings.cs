namespace WideEvents.Cli.Demo;

/// <summary>What <c>wide demo</c> runs. <c>Transport</c> is <c>grpc</c> (sidecar to collector directly) or <c>nats</c> (through a local single-node JetStream).</summary>
internal sealed record DemoSettings(int Tasks, int Pools, int Workers, double FailRate, string OutputDirectory, string Transport = "grpc");
