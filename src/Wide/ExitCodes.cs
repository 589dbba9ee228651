namespace WideEvents.Cli;

/// <summary>The exit codes of <c>wide</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>A path does not exist, a rule file is invalid, an option value is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>The input loaded but holds nothing the report can use.</summary>
    public const int NothingFound = 3;
}
