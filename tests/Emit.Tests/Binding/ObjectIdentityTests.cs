using System.Runtime.CompilerServices;

namespace WideEvents.Emit.Tests.Binding;

public sealed class ObjectIdentityTests
{
    [Fact]
    public void An_object_keeps_one_canonical_version_7_uuid_while_it_lives()
    {
        var target = new object();
        var id = ObjectIdentity.Of(target);

        Assert.Equal(id, ObjectIdentity.Of(target));
        Assert.NotEqual(id, ObjectIdentity.Of(new object()));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal(7, Guid.Parse(id).Version);
    }

    [Fact]
    public void Having_an_identity_does_not_keep_an_object_alive()
    {
        var reference = CreateIdentifiedObject();
        for (var i = 0; i < 5 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(reference.IsAlive);
    }

    [Fact]
    public void New_ids_are_time_ordered()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ObjectIdentity.NewId()).ToList();
        Assert.Equal(1000, ids.Distinct().Count());
        var first = ids[0];
        var later = ObjectIdentity.NewId();
        Thread.Sleep(2);
        var latest = ObjectIdentity.NewId();
        Assert.True(string.CompareOrdinal(first[..13], latest[..13]) <= 0);
        Assert.True(string.CompareOrdinal(later, latest) < 0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CreateIdentifiedObject()
    {
        var target = new object();
        _ = ObjectIdentity.Of(target);
        return new WeakReference(target);
    }
}
