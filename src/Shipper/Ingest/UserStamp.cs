using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Ingest;

/// <summary>
/// Stamps the user behind a caller's token (<c>Grpc:UsersFile</c>) on the records it sends, as
/// <c>user</c>: a widening field that comes first (field 0), and, for a record that carries a
/// <c>user</c> of its own, a rewrite that keeps the claim as <c>claimed_user</c>.
/// </summary>
internal static class UserStamp
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WideningFields Fields(string user, IEnumerable<KeyValuePair<string, string>> others) =>
        new([new KeyValuePair<string, string>("user", user), .. others.Where(f => f.Key != "user")]);

    /// <summary>The record with <c>user</c> set to <paramref name="user"/> and the value it had moved to <c>claimed_user</c>.</summary>
    public static byte[] Restamp(ReadOnlySpan<byte> json, string user)
    {
        var record = JsonNode.Parse(json)!.AsObject();
        if (record["user"] is { } claimed && !record.ContainsKey("claimed_user"))
        {
            record.Remove("user");
            record["claimed_user"] = claimed;
        }
        else
        {
            record.Remove("user");
        }

        record["user"] = user;
        var output = new ArrayBufferWriter<byte>(json.Length + 32);
        using (var writer = new Utf8JsonWriter(output, Relaxed))
        {
            record.WriteTo(writer);
        }

        return output.WrittenSpan.ToArray();
    }
}
