using System.Text;
using WideEvents.Shipper.Sources.Host;

namespace WideEvents.Shipper.Tests.Sources;

/// <summary>The OOM killer's lines, as real kernels wrote them.</summary>
public sealed class OomKillTests
{
    private static Dictionary<string, object> Describe(string message)
    {
        var fields = new Dictionary<string, object>();
        Assert.True(OomKill.TryDescribe(message, (k, v) => fields.Add(k, v)), message);
        return fields;
    }

    [Fact]
    public void A_memory_cgroup_kill_read_from_dev_kmsg_of_a_6_18_kernel_gives_the_killed_pid_and_its_memory()
    {
        // Two /dev/kmsg records of a kill this project's test machine made (a python3 over a 30 MB memory.limit_in_bytes).
        byte[] killed = "3,424,27218565497,-;Memory cgroup out of memory: Killed process 29485 (python3) total-vm:211884kB, anon-rss:29056kB, file-rss:6624kB, shmem-rss:0kB, UID:0 pgtables:120kB oom_score_adj:0\n"u8.ToArray();
        byte[] summary = "6,423,27218565467,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/process_api/38aa95d714f1c9b3f38906d05b5376f6/wt17-oom,task_memcg=/process_api/38aa95d714f1c9b3f38906d05b5376f6/wt17-oom,task=python3,pid=29485,uid=0\n"u8.ToArray();

        Assert.True(KernelMessage.TryParse(killed, out KernelMessage message));
        Assert.Equal((424UL, 27218565497L, "Error"), (message.Sequence, message.BootMicroseconds, message.Level));
        Dictionary<string, object> kill = Describe(message.Text);
        Assert.Equal("oom_kill", kill["kernel_event"]);
        Assert.Equal("cgroup", kill["oom_scope"]);
        Assert.Equal(29485L, kill["pid"]);
        Assert.Equal("python3", kill["process_name"]);
        Assert.Equal(29056L, kill["anon_rss_kb"]);
        Assert.Equal(211884L, kill["total_vm_kb"]);
        Assert.Equal(0L, kill["oom_score_adj"]);

        Assert.True(KernelMessage.TryParse(summary, out message));
        Dictionary<string, object> context = Describe(message.Text);
        Assert.Equal("oom_kill_summary", context["kernel_event"]);
        Assert.Equal(29485L, context["pid"]);
        Assert.Equal("CONSTRAINT_MEMCG", context["oom_constraint"]);
        Assert.Equal("/process_api/38aa95d714f1c9b3f38906d05b5376f6/wt17-oom", context["oom_task_memcg"]);
    }

    [Fact]
    public void A_system_wide_kill_of_an_older_kernel_without_uid_and_a_name_in_parentheses()
    {
        // From a 4.x/5.x host's syslog (docker/for-linux#1001), the "kernel: [  518.05] " prefix removed.
        Dictionary<string, object> kill = Describe("Out of memory: Killed process 15925 ((resolved)) total-vm:168424kB, anon-rss:4064kB, file-rss:3584kB, shmem-rss:0kB");
        Assert.Equal("system", kill["oom_scope"]);
        Assert.Equal(15925L, kill["pid"]);
        Assert.Equal("(resolved)", kill["process_name"]);
        Assert.False(kill.ContainsKey("uid"));
    }

    [Fact]
    public void Other_kernel_messages_and_the_reaper_are_no_kill()
    {
        Assert.False(OomKill.TryDescribe("oom_reaper: reaped process 15784 (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB", (_, _) => { }));
        Assert.False(OomKill.TryDescribe("Tasks state (memory values in pages):", (_, _) => { }));
        Assert.True(KernelMessage.TryParse(Encoding.ASCII.GetBytes("6,1,0,-;Linux version 6.18.44\n SUBSYSTEM=cpu\n"), out KernelMessage first));
        Assert.Equal("Linux version 6.18.44", first.Text);
        Assert.Null(first.Level);
        Assert.False(KernelMessage.TryParse("no prefix"u8, out _));
    }
}
