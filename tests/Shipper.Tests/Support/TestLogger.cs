using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WideEvents.Shipper.Tests.Support;

internal static class TestLogger
{
    public static ILogger<T> For<T>() => NullLogger<T>.Instance;
}
