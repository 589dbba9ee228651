using WideEvents.Cli;

namespace WideEvents.Analyze.Tests.Support;

/// <summary>Runs the <c>wide</c> command line in the test process and keeps what it printed.</summary>
public static class Wide
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = WideCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
