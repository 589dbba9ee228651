using WideEvents.Analyze.Algebra;

namespace WideEvents.Cli;

/// <summary>Finds a rule file by path or by the name of a shipped rule set.</summary>
internal static class RuleFiles
{
    /// <summary>The names of the rule sets shipped next to the binaries (<c>Rules/NAME.rules.json</c>), sorted.</summary>
    public static IReadOnlyList<string> ShippedNames()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Rules");
        return Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir, "*.rules.json").Select(f => Path.GetFileName(f)[..^".rules.json".Length]).Order(StringComparer.Ordinal)]
            : [];
    }

    public static RuleSet Load(string nameOrPath)
    {
        // A bare name ("parsl") is a shipped rule set, even if a file of that name happens to be
        // in the working directory; anything with a directory or an extension is a path.
        var shippedPath = Path.Combine(AppContext.BaseDirectory, "Rules", nameOrPath + ".rules.json");
        var isBareName = Path.GetFileName(nameOrPath) == nameOrPath && !Path.HasExtension(nameOrPath);
        var path = isBareName && File.Exists(shippedPath) ? shippedPath
            : File.Exists(nameOrPath) ? nameOrPath
            : shippedPath;
        if (!File.Exists(path))
        {
            throw new CommandException($"no rule file {nameOrPath} (shipped rule sets: {string.Join(", ", ShippedNames())})");
        }
        try
        {
            return RuleSet.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new CommandException($"invalid rule file: {e.Message}");
        }
    }
}
