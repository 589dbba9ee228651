namespace WideEvents.Web;

/// <summary>How <see cref="WebUiServer"/> listens and where live records come from.</summary>
public sealed class WebUiOptions
{
    /// <summary>The port on 127.0.0.1; 0 (the default) takes any free port (see <see cref="WebUiServer.Address"/>).</summary>
    public int Port { get; init; }

    /// <summary>A shipper's gRPC address (e.g. <c>http://127.0.0.1:5081</c>) whose Tail service feeds records live. Default null: the loaded records only.</summary>
    public Uri? TailAddress { get; init; }

    /// <summary>The lifecycles that read entity states, first match wins (a user's own before the built-in ones). Default null: the built-in ones.</summary>
    public IReadOnlyList<WideEvents.Analyze.Reports.Lifecycle>? Lifecycles { get; init; }

    /// <summary>How long to wait before resubscribing after the Tail stream fails or ends. Default 1 s.</summary>
    public TimeSpan TailRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
