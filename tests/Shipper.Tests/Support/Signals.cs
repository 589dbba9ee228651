using System.Diagnostics;

namespace WideEvents.Shipper.Tests.Support;

internal static class Signals
{
    /// <summary>SIGTERM: asks the process to shut down cleanly.</summary>
    public static void Terminate(int processId)
    {
        using Process kill = Process.Start("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
