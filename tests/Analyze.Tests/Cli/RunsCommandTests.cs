using System.Text.Json;
using WideEvents.Analyze.Tests.Support;

namespace WideEvents.Analyze.Tests.Cli;

public sealed class RunsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-runs-").FullName;

    public RunsCommandTests()
    {
        // A collector's store: records stamped with the user behind each sender's token, from two hosts.
        static string R(string t, string user, string run, string host, int i) =>
            $"{{\"@t\":\"{t}\",\"@mt\":\"step {{i}}\",\"i\":{i},\"user\":\"{user}\",\"run_id\":\"{run}\",\"host\":\"{host}\"}}";
        File.WriteAllLines(Path.Combine(_dir, "a.jsonl"),
        [
            R("2026-01-01T10:00:00.0000000Z", "alice", "r1", "node1", 1),
            R("2026-01-01T10:05:00.0000000Z", "alice", "r1", "node2", 2),
            R("2026-01-03T09:00:00.0000000Z", "alice", "r3", "node2", 3),
        ]);
        File.WriteAllLines(Path.Combine(_dir, "b.jsonl"),
        [
            R("2026-01-02T08:00:00.0000000Z", "bob", "r2", "node1", 4),
            "{\"@t\":\"2026-01-02T08:00:01.0000000Z\",\"@mt\":\"unattributed\",\"run_id\":\"r2\",\"i\":5}",
        ]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<JsonElement> Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public void Runs_are_listed_per_user_with_their_hosts_and_times()
    {
        var (code, output, _) = Wide.Run("runs", _dir, "--json", "--no-rules");

        Assert.Equal(0, code);
        var rows = Rows(output);
        Assert.Equal(["(none)/run_id=r2", "alice/run_id=r1", "alice/run_id=r3", "bob/run_id=r2"], rows.Select(r => r.GetProperty("user").GetString() + "/" + r.GetProperty("run").GetString()));
        var r1 = rows[1];
        Assert.Equal("node1,node2", r1.GetProperty("hosts").GetString());
        Assert.Equal(2, r1.GetProperty("records").GetInt32());
        Assert.StartsWith("2026-01-01 10:00:00", r1.GetProperty("first").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2026-01-01 10:05:00", r1.GetProperty("last").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void User_keeps_one_users_records_for_every_command()
    {
        var (code, output, error) = Wide.Run("runs", _dir, "--user", "alice", "--json", "--no-rules");
        Assert.Equal(0, code);
        Assert.Equal(["run_id=r1", "run_id=r3"], Rows(output).Select(r => r.GetProperty("run").GetString()));
        Assert.Contains("--user alice: 3 of 5 records", error, StringComparison.Ordinal);

        var (loadCode, _, _) = Wide.Run("load", _dir, "--user", "bob", "-o", Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-bob.jsonl"), "--no-rules");
        Assert.Equal(0, loadCode);
        var bob = File.ReadAllLines(Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-bob.jsonl"));
        File.Delete(Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-bob.jsonl"));
        Assert.Equal("4", Assert.Single(bob, l => l.Contains("\"i\":", StringComparison.Ordinal)).Split("\"i\":")[1].Split(',')[0]);
    }
}
