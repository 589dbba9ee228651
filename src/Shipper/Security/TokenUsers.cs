using System.Security.Cryptography;
using System.Text;

namespace WideEvents.Shipper.Security;

/// <summary>
/// The users behind tokens (<c>Grpc:UsersFile</c>): lines of <c>USER TOKEN</c>, <c>#</c> comments
/// and blank lines allowed. A caller presenting one of these tokens is that user: Ingest stamps
/// its name on every record as <c>user</c>, whatever the record said.
/// </summary>
internal sealed class TokenUsers
{
    public static readonly TokenUsers None = new([]);

    private readonly List<(byte[] Token, string User)> _users;

    private TokenUsers(List<(byte[] Token, string User)> users) => _users = users;

    public bool IsEmpty => _users.Count == 0;

    /// <summary>Reads the file; the problems (unreadable, a malformed line, a token twice) are returned instead.</summary>
    public static TokenUsers Load(string path, out List<string> problems)
    {
        problems = [];
        var users = new List<(byte[], string)>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"Grpc:UsersFile {path} cannot be read ({e.Message}).");
            return None;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                problems.Add($"Grpc:UsersFile {path} line {i + 1}: expected 'USER TOKEN'.");
                continue;
            }

            if (!seen.Add(parts[1]))
            {
                problems.Add($"Grpc:UsersFile {path} line {i + 1}: this token is already another line's; a token names one user.");
                continue;
            }

            users.Add((Encoding.UTF8.GetBytes(parts[1]), parts[0]));
        }

        if (users.Count == 0 && problems.Count == 0)
        {
            problems.Add($"Grpc:UsersFile {path} names no user.");
        }

        return new TokenUsers(users);
    }

    /// <summary>The user whose token <paramref name="presented"/> is, compared in constant time; null for none.</summary>
    public string? UserOf(byte[] presented)
    {
        string? found = null;
        foreach ((byte[] token, string user) in _users)
        {
            // Every token is compared, so the time taken does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(presented, token))
            {
                found = user;
            }
        }

        return found;
    }
}
