namespace WideEvents.Shipper.Configuration;

/// <summary>Where a bearer token comes from. The file wins over the environment variable.</summary>
internal sealed class TokenOptions
{
    /// <summary>File whose trimmed content is the token. Default none.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Environment variable holding the token. Default none.</summary>
    public string? TokenEnvironmentVariable { get; set; }

    /// <summary>The token, or null when none is configured.</summary>
    public string? Resolve()
    {
        if (!string.IsNullOrEmpty(TokenFile))
        {
            return File.ReadAllText(TokenFile).Trim();
        }

        if (!string.IsNullOrEmpty(TokenEnvironmentVariable))
        {
            string? value = Environment.GetEnvironmentVariable(TokenEnvironmentVariable);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        return null;
    }
}
