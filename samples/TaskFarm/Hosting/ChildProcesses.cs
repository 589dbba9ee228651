using System.Diagnostics;
using WideEvents.Emit;

namespace WideEvents.TaskFarm.Hosting;

/// <summary>Starts TaskFarm's own executable in another role, configured through the environment only.</summary>
internal static class ChildProcesses
{
    public static Process Start(string role, WideEventsOptions logging, IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this process's executable");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        var entry = typeof(ChildProcesses).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as `dotnet taskfarm.dll`: start the children the same way.
            start.ArgumentList.Add(entry);
        }

        start.ArgumentList.Add(role);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        WideEventsEnvironment.ApplyTo(start, logging);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start the {role} process");
    }
}
