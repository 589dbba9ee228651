using System.Reflection;
using System.Runtime.CompilerServices;

namespace WideEvents.Visuals.Tests.Web;

public sealed class PublicApiOnlyTests
{
    [Fact]
    public void The_web_ui_sees_only_the_public_api_of_analyze()
    {
        var friends = typeof(Record).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        Assert.DoesNotContain("WideEvents.Web", friends);
        Assert.DoesNotContain(typeof(WideEvents.Web.WebUiServer).Assembly.GetTypes(), t => t.Namespace == "WideEvents.Web.Data" && t.Name is "LiveFold" or "ClefRecord");
    }
}
