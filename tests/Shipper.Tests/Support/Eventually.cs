namespace WideEvents.Shipper.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="explain"/> after <paramref name="timeout"/>.</summary>
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> explain)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out: " + explain());
            }

            await Task.Delay(50);
        }
    }
}
