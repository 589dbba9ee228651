namespace WideEvents.Visuals.Tests.Browser;

/// <summary>A fact that needs Debian's Chromium; skipped, with the reason, when /usr/bin/chromium is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"{Path} is missing (apt-get install chromium; .ci/run installs it)";
        }
    }
}
