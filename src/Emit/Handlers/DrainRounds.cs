using System.Runtime.CompilerServices;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// What the formatting pipeline and each handler share: a bounded queue behind one lock, drained
/// by one thread in numbered rounds. The numbering lets a flush wait for the round that takes
/// what is queued now; the room check makes a full queue drop (counted) or wait.
/// </summary>
internal abstract class DrainRounds
{
    private long _roundsTaken;
    private long _roundsDone;
    private long _delivered;

    /// <summary>The lock over the queue and the fields below.</summary>
    protected object Gate { get; } = new();

    /// <summary>Set when the drain must take the queue now, without waiting for its interval.</summary>
    protected bool Urgent { get; set; }

    /// <summary>Set when no more records are taken.</summary>
    protected bool Completed { get; set; }

    /// <summary>Records dropped since the drain last took the queue.</summary>
    protected long Dropped { get; set; }

    /// <summary>Records waiting; read under <see cref="Gate"/>.</summary>
    protected abstract int Waiting { get; }

    /// <summary>Whether the drain thread has ended.</summary>
    protected abstract bool Stopped { get; }

    /// <summary>
    /// Under <see cref="Gate"/>: true when the queue has room for one more record, after waiting
    /// for it when <paramref name="block"/>; false when the record is dropped (and counted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool WaitForRoom(int capacity, bool block)
    {
        while (Waiting >= capacity && !Completed)
        {
            if (!block)
            {
                Dropped++;
                return false;
            }

            // Blocking is what the caller opted into; the drain pulses after each take.
            Urgent = true;
            Monitor.PulseAll(Gate);
            Monitor.Wait(Gate);
        }

        if (Completed)
        {
            Dropped++;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Under <see cref="Gate"/>, when the drain has taken the queue: starts the next round and
    /// wakes callers waiting for room. Returns the records dropped since the last round.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected long TakeRound(out bool last)
    {
        Urgent = false;
        last = Completed;
        var dropped = Dropped;
        Dropped = 0;
        _roundsTaken++;
        Monitor.PulseAll(Gate);
        return dropped;
    }

    /// <summary>When the drain has delivered what it took.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void RoundDone()
    {
        lock (Gate)
        {
            Volatile.Write(ref _roundsDone, _roundsDone + 1);
            Monitor.PulseAll(Gate);
        }
    }

    /// <summary>
    /// How far the drain has got, in rounds delivered and items within rounds: what a stall is
    /// measured on. A round can be long (a queue of 65,536 records formatted on a busy machine),
    /// and progress within it is progress.
    /// </summary>
    public virtual long Progress => Volatile.Read(ref _roundsDone) + Volatile.Read(ref _delivered);

    /// <summary>Counts one item delivered within a round; only the drain's thread calls it.</summary>
    protected void NoteDelivered() => Volatile.Write(ref _delivered, _delivered + 1);

    /// <summary>
    /// Waits for <paramref name="finished"/> for as long as the drain keeps delivering: false once
    /// a whole <paramref name="stall"/> passes without progress. A slow destination is waited for;
    /// one that is down is given up on after the stall.
    /// </summary>
    public async Task<bool> WaitWhileDeliveringAsync(Task finished, TimeSpan stall)
    {
        while (true)
        {
            var before = Progress;
            if (await Task.WhenAny(finished, Task.Delay(stall)).ConfigureAwait(false) == finished)
            {
                return true;
            }

            if (Progress == before)
            {
                return false;
            }
        }
    }

    /// <summary>Waits until everything queued before the call has been delivered, or the timeout passes.</summary>
    /// <returns>False when the timeout passed first.</returns>
    public bool WaitForQueued(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (Gate)
        {
            // What is queued now goes out with the next round, what was taken already with the current one.
            var target = Waiting > 0 || Dropped > 0 ? _roundsTaken + 1 : _roundsTaken;
            Urgent = true;
            Monitor.PulseAll(Gate);
            while (_roundsDone < target && !Stopped)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(Gate, left);
            }

            return _roundsDone >= target;
        }
    }
}
