namespace WideEvents.Cli.Demo;

/// <summary>What <c>wide demo</c> runs.</summary>
internal sealed record DemoSettings(int Tasks, int Pools, int Workers, double FailRate, string OutputDirectory);
