using NATS.Client.Core;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Nats;

/// <summary>Client options for a configured NATS cluster: reconnect forever, authenticate and use TLS as configured.</summary>
internal static class NatsConnections
{
    public static NatsOpts Options(NatsConnectionOptions options, string clientName, TimeSpan requestTimeout)
    {
        string? password = string.IsNullOrEmpty(options.PasswordEnvironmentVariable) ? null : Environment.GetEnvironmentVariable(options.PasswordEnvironmentVariable);
        return NatsOpts.Default with
        {
            Url = string.Join(",", options.Servers),
            Name = clientName,
            RequestTimeout = requestTimeout,
            // A shipper outlives any outage of the cluster: it never gives up reconnecting.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(5),
            AuthOpts = NatsAuthOpts.Default with
            {
                Token = options.Token.Resolve(),
                Username = options.Username,
                Password = password,
                CredsFile = options.CredentialsFile,
                NKeyFile = options.NKeyFile,
            },
            TlsOpts = NatsTlsOpts.Default with
            {
                CaFile = options.TlsCaFile,
                CertFile = options.TlsCertFile,
                KeyFile = options.TlsKeyFile,
                Mode = options.RequireTls ? TlsMode.Require : TlsMode.Auto,
            },
        };
    }

    /// <summary>Why these connection options cannot work, each prefixed with <paramref name="where"/>.</summary>
    public static IEnumerable<string> Problems(NatsConnectionOptions options, string where)
    {
        if (options.Servers.Count == 0)
        {
            yield return $"{where} has no Servers.";
        }

        foreach (string server in options.Servers.Where(s => !Uri.TryCreate(s, UriKind.Absolute, out _)))
        {
            yield return $"{where}: server '{server}' is not a URL such as nats://127.0.0.1:4222.";
        }

        foreach (string problem in options.Token.Problems($"{where} Token"))
        {
            yield return problem;
        }

        if (!string.IsNullOrEmpty(options.PasswordEnvironmentVariable) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.PasswordEnvironmentVariable)))
        {
            yield return $"{where}: PasswordEnvironmentVariable names {options.PasswordEnvironmentVariable}, which is unset or empty.";
        }

        foreach (string? file in new[] { options.CredentialsFile, options.NKeyFile, options.TlsCaFile, options.TlsCertFile, options.TlsKeyFile }.Where(f => !string.IsNullOrEmpty(f) && !File.Exists(f)))
        {
            yield return $"{where}: file {file} does not exist.";
        }
    }
}
