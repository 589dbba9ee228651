using System.Xml.Linq;
using ScottPlot.Plottables;
using WideEvents.Analyze.Visuals.Plots;
using WideEvents.Analyze.Records;
using WideEvents.Cli;

namespace WideEvents.Visuals.Tests.Plots;

public sealed class MessageDiagramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-messages-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Record Message(double created, string id, string sender, string receiver, string? side, string type)
    {
        var r = new Record(side == "receive" ? receiver + ".log" : sender + ".log");
        r.Set("created", Value.From(1_700_000_000 + created));
        r.Set("message_id", Value.From(id));
        r.Set("sender", Value.From(sender));
        r.Set("receiver", Value.From(receiver));
        r.Set("message_type", Value.From(type));
        if (side is not null)
        {
            r.Set("message_event", Value.From(side));
        }
        return r;
    }

    // A submitter asks an interchange to run a task, the interchange hands it to a pool, the result comes back; one receipt is missing.
    private static List<Record> Exchange() =>
    [
        Message(0.0, "m1", "submitter", "interchange", "send", "submit"),
        Message(0.1, "m1", "submitter", "interchange", "receive", "submit"),
        Message(0.2, "m2", "interchange", "pool-1", "send", "run"),
        Message(0.5, "m2", "interchange", "pool-1", "receive", "run"),
        Message(2.0, "m3", "pool-1", "interchange", "send", "result"),
        Message(2.1, "m3", "pool-1", "interchange", "receive", "result"),
        Message(2.2, "m4", "interchange", "submitter", "send", "done"),
    ];

    [Fact]
    public void Messages_pair_their_sending_and_receiving_by_message_id_in_time_order()
    {
        var messages = MessageDiagram.Collect(Exchange());

        Assert.Equal(["m1", "m2", "m3", "m4"], messages.Select(m => m.Id));
        var run = messages[1];
        Assert.Equal(("interchange", "pool-1", "run"), (run.Sender, run.Receiver, run.Label));
        Assert.Equal(0.3, run.Received!.Value - run.Sent, 6);
        Assert.Null(messages[3].Received);
    }

    [Fact]
    public void The_svg_has_a_lifeline_per_participant_and_an_arrow_per_message_labelled_by_type()
    {
        var (plot, series, description) = WideEvents.Analyze.Visuals.Plots.Plots.Build(Exchange(), new PlotOptions { Kind = PlotKind.Messages });
        Assert.Equal(4, series);
        Assert.Equal(4, plot.GetPlottables().OfType<Arrow>().Count());
        Assert.Equal(3, plot.GetPlottables().OfType<VerticalLine>().Count());
        // Time runs down: the last message's arrow is lowest.
        var arrows = plot.GetPlottables().OfType<Arrow>().ToList();
        Assert.True(arrows[^1].Base.Y > arrows[0].Base.Y);
        Assert.Contains("submitter, interchange, pool-1", description, StringComparison.Ordinal);

        var path = Path.Combine(_dir, "messages.svg");
        WideEvents.Analyze.Visuals.Plots.Plots.Save(Exchange(), new PlotOptions { Kind = PlotKind.Messages }, path);
        var texts = XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.All(new[] { "submitter", "interchange", "pool-1", "submit", "run", "result", "done" }, t => Assert.Contains(t, texts));
    }

    [Fact]
    public void Wide_plot_messages_writes_the_diagram_and_exits_1_without_messages()
    {
        var records = Path.Combine(_dir, "messages.jsonl");
        File.WriteAllLines(records, Exchange().Select(r => "{" + string.Join(",", r.Properties.Select(p => $"\"{p.Key}\":{(p.Value.AsString is { } s ? $"\"{s}\"" : p.Value.ToString())}")) + "}"));
        var png = Path.Combine(_dir, "messages.png");
        var output = new StringWriter();
        Assert.Equal(0, WideCli.Run(["plot", "messages", records, "-o", png, "-q"], output, new StringWriter()));
        Assert.Contains("4 messages between 3 participants", output.ToString(), StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 5000);

        var none = Path.Combine(_dir, "none.jsonl");
        File.WriteAllText(none, "{\"@t\":\"2026-01-01T00:00:00Z\",\"@mt\":\"no message here\"}\n");
        var error = new StringWriter();
        Assert.Equal(1, WideCli.Run(["plot", "messages", none, "-o", Path.Combine(_dir, "none.svg"), "-q"], new StringWriter(), error));
        Assert.Contains("no messages", error.ToString(), StringComparison.Ordinal);
    }
}
