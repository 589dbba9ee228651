namespace WideEvents.Analyze.Records;

/// <summary>Levels ordered across naming schemes (Serilog, Microsoft.Extensions.Logging, Python).</summary>
public enum Severity
{
    /// <summary>Verbose, Trace, Python levels below DEBUG.</summary>
    Trace = 0,
    /// <summary>Debug.</summary>
    Debug = 1,
    /// <summary>Information, INFO.</summary>
    Information = 2,
    /// <summary>Warning, WARN.</summary>
    Warning = 3,
    /// <summary>Error.</summary>
    Error = 4,
    /// <summary>Fatal, Critical.</summary>
    Fatal = 5,
}
