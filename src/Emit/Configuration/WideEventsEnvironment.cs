using System.Collections;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace WideEvents.Emit;

/// <summary>
/// Renders options as environment variables (<c>WideEvents__Handlers__0__Type=File</c>), so a
/// parent process configures the processes it starts and they code no logging choices of their
/// own: a child calls <c>AddWideEvents()</c> and reads them back.
/// </summary>
public static class WideEventsEnvironment
{
    private const string Separator = "__";

    /// <summary>The environment variables that reproduce <paramref name="options"/> in a child process.</summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(WideEventsOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(HandlerOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(AmbientFieldsOptions))]
    public static IReadOnlyDictionary<string, string> Render(WideEventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        RenderObject(WideEventsOptions.SectionName, options, variables);
        return variables;
    }

    /// <summary>
    /// Sets <paramref name="startInfo"/>'s environment to carry <paramref name="options"/>,
    /// replacing any WideEvents variables it inherited from this process.
    /// </summary>
    public static void ApplyTo(ProcessStartInfo startInfo, WideEventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var prefix = WideEventsOptions.SectionName + Separator;
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        foreach (var (key, value) in Render(options))
        {
            startInfo.Environment[key] = value;
        }
    }

    /// <summary>A deep copy of <paramref name="options"/> as a child would read it, to adjust per child (its <c>Component</c>, say).</summary>
    public static WideEventsOptions Copy(WideEventsOptions options)
    {
        var rendered = Render(options).ToDictionary(
            p => p.Key.Replace(Separator, ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            p => (string?)p.Value);
        var copy = new WideEventsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(rendered).Build()
            .GetSection(WideEventsOptions.SectionName).Bind(copy);
        return copy;
    }

    // Only the options classes reach here (the values of their properties that are neither
    // scalars, lists nor dictionaries); Render keeps their properties through a trim.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Only WideEventsOptions, HandlerOptions and AmbientFieldsOptions are rendered; Render's DynamicDependency attributes keep their properties.")]
    private static void RenderObject(string prefix, object target, IDictionary<string, string> variables)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || !property.CanWrite || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            RenderValue(prefix + Separator + property.Name, property.GetValue(target), variables);
        }
    }

    private static void RenderValue(string key, object? value, IDictionary<string, string> variables)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                variables[key] = s;
                return;
            case IFormattable formattable:
                variables[key] = formattable.ToString(null, CultureInfo.InvariantCulture);
                return;
            case bool b:
                variables[key] = b ? "true" : "false";
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    RenderValue(key + Separator + entry.Key, entry.Value, variables);
                }

                return;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    RenderValue(key + Separator + i.ToString(CultureInfo.InvariantCulture), list[i], variables);
                }

                return;
            default:
                RenderObject(key, value, variables);
                return;
        }
    }
}
