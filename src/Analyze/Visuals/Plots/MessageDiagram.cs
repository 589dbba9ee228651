using ScottPlot;
using WideEvents.Analyze.Records;
using Palette = WideEvents.Analyze.Visuals.Svg.Palette;

namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>
/// A sequence diagram of messages between agents or processes: one lifeline per participant
/// (the values of <c>sender</c> and <c>receiver</c>, in order of first appearance), time down the
/// page, one arrow per <c>message_id</c> from its sending to its receiving, labelled with its
/// <c>message_type</c> (else its template). A message's records are told apart by
/// <c>message_event</c> (<c>send</c>, <c>receive</c>); without it the earliest record is the
/// sending and the latest the receiving. A message seen only once is drawn flat at that time.
/// </summary>
internal static class MessageDiagram
{
    /// <summary>Most messages drawn: more would be ink, not a diagram; the first ones in time are kept.</summary>
    public const int MaxMessages = 300;

    public static List<Message> Collect(IReadOnlyList<Record> records)
    {
        var messages = new List<Message>();
        foreach (var group in records.Where(r => r.Has("message_id") && !double.IsNaN(r.Time)).GroupBy(r => r["message_id"].ToString(), StringComparer.Ordinal))
        {
            var all = group.OrderBy(r => r.Time).ToList();
            var send = all.FirstOrDefault(r => r["message_event"].AsString == "send") ?? all[0];
            var receive = all.LastOrDefault(r => r["message_event"].AsString == "receive") ?? (all.Count > 1 ? all[^1] : null);
            var sender = all.Select(r => r["sender"].AsString ?? (r.Has("sender") ? r["sender"].ToString() : null)).FirstOrDefault(s => s is not null);
            var receiver = all.Select(r => r["receiver"].AsString ?? (r.Has("receiver") ? r["receiver"].ToString() : null)).FirstOrDefault(s => s is not null);
            if (sender is null || receiver is null)
            {
                continue;
            }
            var label = all.Select(r => r["message_type"].AsString).FirstOrDefault(t => t is not null) ?? send.Template() ?? group.Key;
            messages.Add(new Message(group.Key, sender, receiver, label, send.Time, receive?.Time));
        }
        return [.. messages.OrderBy(m => m.Sent).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    public static (Plot Plot, int Series, string Description) Build(IReadOnlyList<Record> records)
    {
        var all = Collect(records);
        if (all.Count == 0)
        {
            throw new InvalidOperationException("no messages: records with message_id, sender and receiver");
        }
        var messages = all.Take(MaxMessages).ToList();
        var participants = messages.SelectMany(m => new[] { m.Sender, m.Receiver }).Distinct(StringComparer.Ordinal).ToList();
        var x = participants.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => (double)t.i, StringComparer.Ordinal);
        var origin = messages[0].Sent;
        var end = messages.Max(m => (m.Received ?? m.Sent) - origin);
        var plot = new Plot();
        for (var i = 0; i < participants.Count; i++)
        {
            var line = plot.Add.VerticalLine(i);
            line.Color = Color.FromHex("#bab0ac");
            line.LinePattern = LinePattern.Dashed;
        }
        var types = messages.Select(m => m.Label).Distinct(StringComparer.Ordinal).ToList();
        foreach (var m in messages)
        {
            var color = Color.FromHex(Palette.At(types.IndexOf(m.Label)));
            var from = new Coordinates(x[m.Sender], m.Sent - origin);
            var to = new Coordinates(x[m.Receiver], (m.Received ?? m.Sent) - origin);
            if (m.Sender == m.Receiver)
            {
                // A message to oneself: a small loop out to the right and back.
                to = new Coordinates(to.X + 0.25, to.Y);
            }
            var arrow = plot.Add.Arrow(from, to);
            arrow.ArrowLineColor = color;
            arrow.ArrowFillColor = color;
            arrow.ArrowWidth = 2;
            arrow.ArrowheadWidth = 10;
            arrow.ArrowheadLength = 12;
            var text = plot.Add.Text(m.Label, (from.X + to.X) / 2, (from.Y + to.Y) / 2);
            text.LabelFontSize = 10;
            text.LabelFontColor = color;
            text.LabelAlignment = Alignment.LowerCenter;
            text.LabelBackgroundColor = Colors.White;
        }
        plot.Axes.Bottom.SetTicks([.. participants.Select((_, i) => (double)i)], [.. participants]);
        plot.Axes.SetLimits(-0.6, participants.Count - 0.4, 0, Math.Max(end, 1e-3) * 1.05);
        plot.Axes.InvertY();
        plot.Title($"Messages between {participants.Count} participants");
        plot.YLabel("seconds since the first message");
        var shown = messages.Count < all.Count ? $"the first {messages.Count} of {all.Count} messages" : $"{messages.Count} messages";
        return (plot, messages.Count, $"{shown} between {participants.Count} participants ({string.Join(", ", participants.Take(8))}{(participants.Count > 8 ? ", ..." : "")})");
    }

    /// <summary>One message: who sent it to whom, what it was, when it left and arrived (null when its receipt is not in the records).</summary>
    public sealed record Message(string Id, string Sender, string Receiver, string Label, double Sent, double? Received);
}
