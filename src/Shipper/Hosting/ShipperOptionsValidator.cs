using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WideEvents.Contracts.Client;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Nats;
using WideEvents.Shipper.Security;
using WideEvents.Shipper.Sinks;
using WideEvents.Shipper.Sources;

namespace WideEvents.Shipper.Hosting;

/// <summary>Refuses, at start, configurations that could only fail later.</summary>
internal static class ShipperOptionsValidator
{
    public static IReadOnlyList<string> Problems(ShipperOptions options)
    {
        var problems = new List<string>();
        IReadOnlyList<string> sinks = options.Sinks.Names();
        if (sinks.Count == 0)
        {
            problems.Add("No sinks: configure at least one of Sinks:Grpc, Sinks:Stores, Sinks:Otlp, Sinks:Stdout, Sinks:Nats (records would only fill the buffer).");
        }

        foreach (string duplicate in sinks.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"Two sinks are named '{duplicate}'; each needs its own buffer cursor.");
        }

        foreach (string duplicate in options.Sources.Files.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"Two file sources are named '{duplicate}'; each needs its own checkpoint file.");
        }

        problems.AddRange(options.Sources.Files.Where(f => f.Include.Count == 0).Select(f => $"File source '{f.Name}' has no Include globs."));
        problems.AddRange(options.Sources.UnixSockets.Where(s => string.IsNullOrEmpty(s.Path)).Select(s => $"Unix socket source '{s.Name}' has no Path."));
        problems.AddRange(options.Sources.UnixSockets.Where(s => !string.IsNullOrEmpty(s.Path) && !Directory.Exists(Path.GetDirectoryName(s.Path))).Select(s => $"Unix socket source '{s.Name}': the directory of {s.Path} does not exist."));
        problems.AddRange(options.Sinks.Grpc.Where(s => !Uri.TryCreate(s.Address, UriKind.Absolute, out _)).Select(s => $"gRPC sink '{s.Name}' has no valid Address."));
        problems.AddRange(options.Sinks.Otlp.Where(s => !Uri.TryCreate(s.Endpoint, UriKind.Absolute, out _)).Select(s => $"OTLP sink '{s.Name}' has no valid Endpoint."));
        problems.AddRange(options.Sinks.Stores.Where(s => string.IsNullOrEmpty(s.Directory)).Select(s => $"Store sink '{s.Name}' has no Directory."));
        problems.AddRange(options.Security.Problems("Security"));
        if (!string.IsNullOrEmpty(options.Grpc.UsersFile))
        {
            TokenUsers.Load(options.Grpc.UsersFile, out List<string> userProblems);
            problems.AddRange(userProblems);
        }
        problems.AddRange(NatsRegistration.Problems(options));
        foreach (GrpcSinkOptions sink in options.Sinks.Grpc)
        {
            problems.AddRange(sink.Token.Problems($"gRPC sink '{sink.Name}' Token"));
            problems.AddRange(PinProblems($"gRPC sink '{sink.Name}'", sink.Address, sink.TrustedCertificatePath));
        }

        foreach (OtlpSinkOptions sink in options.Sinks.Otlp)
        {
            problems.AddRange(sink.Token.Problems($"OTLP sink '{sink.Name}' Token"));
            problems.AddRange(PinProblems($"OTLP sink '{sink.Name}'", sink.Endpoint, sink.TrustedCertificatePath));
        }

        if (options.Grpc.MaxSequenceJump < 1)
        {
            problems.Add("Grpc:MaxSequenceJump must be at least 1.");
        }

        if (!FileCreationMask.TryParse(options.Umask, out _))
        {
            problems.Add($"Umask '{options.Umask}' is not an octal permission mask such as 077 or 027.");
        }

        if (options.MaxLineBytes < 64)
        {
            problems.Add("MaxLineBytes must be at least 64.");
        }

        problems.AddRange(CertificateProblems(options.Grpc));
        problems.AddRange(StateProblems(options));
        return problems;
    }

    private static IEnumerable<string> CertificateProblems(GrpcServerOptions grpc)
    {
        if (string.IsNullOrEmpty(grpc.CertificatePath))
        {
            return [];
        }

        try
        {
            using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12FromFile(grpc.CertificatePath, grpc.CertificatePassword);
            return certificate.HasPrivateKey ? [] : [$"Grpc:CertificatePath {grpc.CertificatePath} has no private key."];
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return [$"Grpc:CertificatePath {grpc.CertificatePath} cannot be loaded as PKCS#12 with Grpc:CertificatePassword ({e.Message})."];
        }
    }

    /// <summary>State files that cannot be read would otherwise fail the start with an exception, in a restart loop.</summary>
    private static IEnumerable<string> StateProblems(ShipperOptions options)
    {
        foreach (FileSourceOptions files in options.Sources.Files)
        {
            string? problem = Problem(() => CheckpointStore.Load(CheckpointStore.PathFor(options.DataDirectory, files.Name)));
            if (problem is not null)
            {
                yield return problem;
            }
        }

        foreach (StoreSinkOptions store in options.Sinks.Stores.Where(s => !string.IsNullOrEmpty(s.Directory)))
        {
            string? problem = Problem(() => StoreState.Load(Path.Combine(store.Directory, StoreState.FileName)));
            if (problem is not null)
            {
                yield return problem;
            }
        }
    }

    private static string? Problem(Action load)
    {
        try
        {
            load();
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    // A pin with a plain http:// address would be ignored: records in clear text, which the
    // person who set the pin did not ask for.
    private static IEnumerable<string> PinProblems(string where, string address, string? trustedCertificatePath) =>
        string.IsNullOrEmpty(trustedCertificatePath) || IngestChannel.PinProblem(address, trustedCertificatePath) is not { } problem
            ? []
            : [$"{where}: {problem}"];
}
