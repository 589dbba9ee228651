namespace WideEvents.Shipper.Configuration;

/// <summary>
/// Where a bearer token comes from. The file wins over the environment variable. A source that
/// is configured but yields no token (missing or unreadable file, unset variable, empty value)
/// is a configuration error, never "no token": failing open would switch authentication off.
/// </summary>
internal sealed class TokenOptions
{
    /// <summary>File whose trimmed content is the token. Default none.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Environment variable holding the token. Default none.</summary>
    public string? TokenEnvironmentVariable { get; set; }

    /// <summary>Why the configured token cannot be used, each prefixed with <paramref name="where"/>; empty when it can (or none is configured).</summary>
    public IEnumerable<string> Problems(string where)
    {
        if (!string.IsNullOrEmpty(TokenFile))
        {
            string? token;
            try
            {
                token = File.ReadAllText(TokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [$"{where}:TokenFile {TokenFile} cannot be read ({e.Message})."];
            }

            return token.Length == 0 ? [$"{where}:TokenFile {TokenFile} is empty."] : [];
        }

        if (!string.IsNullOrEmpty(TokenEnvironmentVariable))
        {
            string? value = Environment.GetEnvironmentVariable(TokenEnvironmentVariable);
            if (value is null)
            {
                return [$"{where}:TokenEnvironmentVariable names {TokenEnvironmentVariable}, which is not set."];
            }

            return string.IsNullOrWhiteSpace(value) ? [$"{where}:TokenEnvironmentVariable names {TokenEnvironmentVariable}, which is empty."] : [];
        }

        return [];
    }

    /// <summary>The token, or null when none is configured. Call after <see cref="Problems"/> found none.</summary>
    public string? Resolve()
    {
        if (!string.IsNullOrEmpty(TokenFile))
        {
            return File.ReadAllText(TokenFile).Trim();
        }

        return string.IsNullOrEmpty(TokenEnvironmentVariable) ? null : Environment.GetEnvironmentVariable(TokenEnvironmentVariable)!.Trim();
    }
}
