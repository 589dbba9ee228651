using System.Numerics;
using WideEvents.Shipper.Buffer;

namespace WideEvents.Shipper.Tests.Buffer;

public sealed class Crc32CTests
{
    [Fact]
    public void The_check_value_of_the_standard_is_given() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(12_287)]
    [InlineData(12_288)]
    [InlineData(12_289)]
    [InlineData(24_576)]
    [InlineData(65_536 + 1_000)]
    [InlineData(1_000_003)]
    public void Blocks_computed_side_by_side_give_the_crc_of_one_chain(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        Assert.Equal(~crc, Crc32C.Compute(data));
    }
}
