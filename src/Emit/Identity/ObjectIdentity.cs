using System.Runtime.CompilerServices;

namespace WideEvents.Emit;

/// <summary>
/// UUID identities for objects that have no id that is unique over time (a hash code or
/// "block 0" is reused; a UUIDv7 is not). Formatted canonically: lowercase, hyphenated.
/// </summary>
public static class ObjectIdentity
{
    private static readonly ConditionalWeakTable<object, string> Ids = new();

    /// <summary>
    /// The UUIDv7 of <paramref name="target"/>: the same string for as long as the object lives.
    /// The object is not kept alive by having an id.
    /// </summary>
    public static string Of(object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Ids.GetValue(target, static _ => NewId());
    }

    /// <summary>A new UUIDv7 (time-ordered), lowercase and hyphenated.</summary>
    public static string NewId() => Uuid7.Create().ToString("D");
}
