using System.Security.Cryptography;
using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Tests.Identity;

/// <summary>The hand-written .NET 8 paths give what the .NET 9+ runtime gives (the tests run on .NET 10).</summary>
public sealed class Net8FallbackTests
{
    [Fact]
    public void A_hand_built_version_7_uuid_has_the_runtime_layout_time_version_and_variant()
    {
        var now = DateTimeOffset.UtcNow;
        var random = RandomNumberGenerator.GetBytes(10);

        var built = Uuid7.Build(now.ToUnixTimeMilliseconds(), random);
        var runtime = Guid.CreateVersion7(now);

        Assert.Equal(7, built.Version);
        // RFC 9562 variant: the top two bits 10 (Guid.Variant is the whole nibble, its low bits random).
        Assert.Equal(0x8, built.Variant & 0xC);
        Assert.Equal(0x8, runtime.Variant & 0xC);
        Assert.Equal(runtime.ToString("D")[..13], built.ToString("D")[..13]);
        Assert.Equal(runtime.ToString("D")[14], built.ToString("D")[14]);
        Assert.True(Uuid7.Build(now.ToUnixTimeMilliseconds() + 1, random).CompareTo(built) > 0);
    }

    [Fact]
    public void Hand_written_lowercase_hex_matches_the_runtime()
    {
        var bytes = RandomNumberGenerator.GetBytes(64);
        var chars = new char[128];

        LowerHex.WriteByHand(bytes, chars);

        Assert.Equal(Convert.ToHexStringLower(bytes), new string(chars));
    }
}
