using System.Text.Json;

namespace WideEvents.EndToEnd.Tests.Support;

/// <summary>The <c>Index</c> fields of the records a store holds, as tests log them ("record {Index}").</summary>
internal static class StoreIndexes
{
    /// <summary>Reads the store until it holds <paramref name="expected"/> indexes or <paramref name="timeout"/> passes; returns what it holds then.</summary>
    public static async Task<List<int>> WaitForAsync(string store, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var indexes = new List<int>();
            if (Directory.Exists(store))
            {
                foreach (var file in Directory.GetFiles(store, "*.jsonl"))
                {
                    foreach (var line in await File.ReadAllLinesAsync(file))
                    {
                        JsonDocument record;
                        try
                        {
                            record = JsonDocument.Parse(line);
                        }
                        catch (JsonException)
                        {
                            continue; // the store is writing this line: it is read whole at the next look
                        }

                        using (record)
                        {
                            if (record.RootElement.TryGetProperty("Index", out var index))
                            {
                                indexes.Add(index.GetInt32());
                            }
                        }
                    }
                }
            }

            if (indexes.Count >= expected || DateTime.UtcNow > deadline)
            {
                return indexes;
            }

            await Task.Delay(250);
        }
    }
}
