using System.Runtime.Versioning;
using WideEvents.Shipper.CommandLine;

// Inode numbers, unix sockets and file modes: the shipper runs where those exist.
[assembly: UnsupportedOSPlatform("windows")]

namespace WideEvents.Shipper;

/// <summary>
/// <c>wide-shipper run --config FILE [--Key=Value ...]</c> runs a sidecar or collector;
/// <c>wide-shipper status --config FILE</c> says whether one is running and prints the health it last reported.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => ShipperCommandLine.RunAsync(args, Console.Out, Console.Error);
}
