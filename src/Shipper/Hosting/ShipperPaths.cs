using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Hosting;

/// <summary>Makes every path in the options absolute, relative paths being relative to the configuration file's directory.</summary>
internal static class ShipperPaths
{
    public static void Resolve(ShipperOptions options, string baseDirectory)
    {
        options.DataDirectory = Absolute(options.DataDirectory, baseDirectory);
        options.Grpc.CertificatePath = AbsoluteOrNull(options.Grpc.CertificatePath, baseDirectory);
        options.Security.TokenFile = AbsoluteOrNull(options.Security.TokenFile, baseDirectory);
        options.Grpc.UsersFile = AbsoluteOrNull(options.Grpc.UsersFile, baseDirectory);
        foreach (FileSourceOptions files in options.Sources.Files)
        {
            files.BaseDirectory = Absolute(files.BaseDirectory, baseDirectory);
        }

        foreach (UnixSocketSourceOptions socket in options.Sources.UnixSockets)
        {
            socket.Path = Absolute(socket.Path, baseDirectory);
        }

        foreach (GrpcSinkOptions grpc in options.Sinks.Grpc.Concat<GrpcSinkOptions>(options.Sinks.Otlp))
        {
            grpc.Token.TokenFile = AbsoluteOrNull(grpc.Token.TokenFile, baseDirectory);
            grpc.TrustedCertificatePath = AbsoluteOrNull(grpc.TrustedCertificatePath, baseDirectory);
        }

        foreach (StoreSinkOptions store in options.Sinks.Stores)
        {
            store.Directory = Absolute(store.Directory, baseDirectory);
        }

        foreach (NatsConnectionOptions nats in options.Sinks.Nats.Concat<NatsConnectionOptions>(options.Sources.Nats))
        {
            nats.Token.TokenFile = AbsoluteOrNull(nats.Token.TokenFile, baseDirectory);
            nats.CredentialsFile = AbsoluteOrNull(nats.CredentialsFile, baseDirectory);
            nats.NKeyFile = AbsoluteOrNull(nats.NKeyFile, baseDirectory);
            nats.TlsCaFile = AbsoluteOrNull(nats.TlsCaFile, baseDirectory);
            nats.TlsCertFile = AbsoluteOrNull(nats.TlsCertFile, baseDirectory);
            nats.TlsKeyFile = AbsoluteOrNull(nats.TlsKeyFile, baseDirectory);
        }
    }

    private static string Absolute(string path, string baseDirectory) => Path.GetFullPath(path, baseDirectory);

    private static string? AbsoluteOrNull(string? path, string baseDirectory) => string.IsNullOrEmpty(path) ? null : Absolute(path, baseDirectory);
}
