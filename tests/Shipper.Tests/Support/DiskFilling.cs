namespace WideEvents.Shipper.Tests.Support;

/// <summary>The set-up the disk-full tests share: shipping under way, then the volume filled under it.</summary>
internal static class DiskFilling
{
    /// <summary>
    /// Starts both shippers, stores records 1–1,000, fills <paramref name="volume"/>, appends
    /// 1,001–3,000 and waits until <paramref name="part"/> logs <paramref name="failure"/> (or exits).
    /// </summary>
    public static async Task FillWhileShippingAsync(ShipperPair pair, SmallVolume volume, Func<ShipperProcess> part, string failure)
    {
        pair.StartCollector();
        pair.StartSidecar();
        string input = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(input, 1, 1_000);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_000, TimeSpan.FromSeconds(30), pair.Logs);

        volume.Fill();
        RecordWriter.Append(input, 1_001, 3_000);
        await Eventually.HoldsAsync(() => part().Log.Contains(failure, StringComparison.Ordinal) || part().HasExited, TimeSpan.FromSeconds(30), pair.Logs);
    }
}
