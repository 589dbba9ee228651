namespace WideEvents.Cli;

/// <summary>The exit codes of <c>wide</c>, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The analysis failed: the input loaded but holds nothing the report can use (no such entity, metric or state records).</summary>
    public const int NothingFound = 1;

    /// <summary><c>wide lint</c>: a record breaks a rule.</summary>
    public const int RuleBroken = 1;

    /// <summary><c>wide heartbeats</c>: a process died or hung.</summary>
    public const int ProcessSilent = 1;

    /// <summary>The command line is wrong: it does not parse, options do not go together, an option value is out of range.</summary>
    public const int Usage = 2;

    /// <summary>What the command line names is wrong: a path does not exist, a rule or lifecycle file is invalid, a key no record has (a usage error too).</summary>
    public const int BadInput = Usage;
}
