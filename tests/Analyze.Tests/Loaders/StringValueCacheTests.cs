using System.Text;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Analyze.Tests.Loaders;

public class StringValueCacheTests
{
    [Fact]
    public void Ids_that_repeat_close_together_are_shared_long_after_the_first_thousands()
    {
        var cache = new StringValueCache();
        // A long run: each task id on 4 consecutive records, 20,000 tasks.
        string? last = null;
        for (var task = 0; task < 20_000; task++)
        {
            var bytes = Encoding.UTF8.GetBytes(task.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var first = cache.Get(bytes);
            for (var i = 0; i < 3; i++)
            {
                Assert.Same(first, cache.Get(bytes));
            }
            Assert.NotSame(last, first);
            last = first;
        }
        // The first values stay shared for the whole file.
        Assert.Same(cache.Get("7"u8), cache.Get("7"u8));
    }

    [Fact]
    public void A_key_whose_values_do_not_repeat_turns_its_cache_off_and_still_gives_the_right_strings()
    {
        var cache = new StringValueCache();
        for (var i = 0; i < 2_000; i++)
        {
            var text = $"1795555280.{i:D7}";
            Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
        }
        Assert.NotSame(cache.Get("1795555280.0000001"u8), cache.Get("1795555280.0000001"u8));
    }
}
