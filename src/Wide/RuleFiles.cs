using WideEvents.Analyze.Algebra;

namespace WideEvents.Cli;

/// <summary>Finds a rule file by path or by the name of a shipped rule set.</summary>
internal static class RuleFiles
{
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
            var shipped = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Rules"))
                ? Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Rules"), "*.rules.json").Select(f => Path.GetFileName(f)[..^".rules.json".Length])
                : [];
            throw new CommandException($"no rule file {nameOrPath} (shipped rule sets: {string.Join(", ", shipped)})");
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
