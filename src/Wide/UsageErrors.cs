using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace WideEvents.Cli;

/// <summary>Puts System.CommandLine's parse errors in the user's words: what was expected, never a .NET type name.</summary>
internal static partial class UsageErrors
{
    public static string Describe(ParseError error)
    {
        var match = CannotParse().Match(error.Message);
        if (!match.Success)
        {
            return error.Message;
        }
        var type = error.SymbolResult switch
        {
            OptionResult o => o.Option.ValueType,
            ArgumentResult a => a.Argument.ValueType,
            _ => null,
        };
        return $"{match.Groups["symbol"].Value}: '{match.Groups["value"].Value}' is not {Expected(type)}";
    }

    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is not null && type.IsArray)
        {
            type = type.GetElementType();
        }
        return type switch
        {
            { IsEnum: true } => $"one of: {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ => "a valid value",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '(?<symbol>[^']*)' as expected type '[^']*'", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
