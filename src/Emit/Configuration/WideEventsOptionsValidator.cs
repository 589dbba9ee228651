using Microsoft.Extensions.Options;
using WideEvents.Contracts.Client;

namespace WideEvents.Emit;

/// <summary>Rejects handler settings that cannot work, when the provider starts rather than at the first record.</summary>
internal sealed class WideEventsOptionsValidator : IValidateOptions<WideEventsOptions>
{
    public ValidateOptionsResult Validate(string? name, WideEventsOptions options)
    {
        var problems = new List<string>();
        if (options.ActivitySampling is not (>= 0 and <= 1))
        {
            problems.Add("WideEvents:ActivitySampling must be between 0 and 1.");
        }

        for (var i = 0; i < options.Handlers.Count; i++)
        {
            var handler = options.Handlers[i];
            var where = $"WideEvents:Handlers:{i}";
            switch (handler.Type)
            {
                case HandlerType.None:
                    problems.Add($"{where}:Type is missing (File, UnixSocket, Grpc or Recent).");
                    break;
                case HandlerType.UnixSocket when string.IsNullOrWhiteSpace(handler.Path):
                    problems.Add($"{where}:Path is required for a UnixSocket handler.");
                    break;
                case HandlerType.Recent when string.IsNullOrWhiteSpace(handler.Path):
                    problems.Add($"{where}:Path is required for a Recent handler (the socket it answers queries on).");
                    break;
                case HandlerType.Recent when handler.RecentRecords < 1 || handler.RecentBytes < 1024 || handler.RecentSeconds < 0:
                    problems.Add($"{where}: a Recent handler keeps at least 1 record and 1,024 bytes (RecentRecords, RecentBytes), and RecentSeconds is not negative.");
                    break;
                case HandlerType.Grpc when string.IsNullOrWhiteSpace(handler.Address):
                    problems.Add($"{where}:Address is required for a Grpc handler.");
                    break;
                case HandlerType.Custom:
                    problems.Add($"{where}:Type Custom is for writers added in code with AddWriter.");
                    break;
            }

            if (handler.Type == HandlerType.Grpc && !string.IsNullOrWhiteSpace(handler.Address) && !string.IsNullOrEmpty(handler.TrustedCertificatePath)
                && IngestChannel.PinProblem(handler.Address, handler.TrustedCertificatePath) is { } pin)
            {
                // A pin with an http:// address would be ignored: records in clear text.
                problems.Add($"{where}: {pin}");
            }

            if (handler.QueueCapacity < 1)
            {
                problems.Add($"{where}:QueueCapacity must be at least 1.");
            }

            if (handler.RollSizeBytes < 0)
            {
                problems.Add($"{where}:RollSizeBytes must be 0 (never roll) or positive.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
