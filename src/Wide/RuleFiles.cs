using WideEvents.Analyze.Algebra;

namespace WideEvents.Cli;

/// <summary>Finds a rule file by path or by the name of a shipped rule set.</summary>
internal static class RuleFiles
{
    public static RuleSet Load(string nameOrPath)
    {
        var path = File.Exists(nameOrPath)
            ? nameOrPath
            : Path.Combine(AppContext.BaseDirectory, "Rules", nameOrPath + ".rules.json");
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
