using System.Text;

namespace Nad.Traffic.Content;

/// <summary>
/// The content features that payload can honestly give, for FTP and telnet/rlogin control
/// sessions only: failed logins (FTP 530 after PASS; telnet "Login incorrect" and alike),
/// logged in (FTP 230; telnet output after a password prompt that is not a failure) and guest
/// login (FTP USER anonymous/ftp/guest). Reads at most <see cref="MaxBytesPerSide"/> bytes each
/// way: logins happen at the start, and memory stays bounded.
/// </summary>
public sealed class LoginAnalyzer
{
    public const int MaxBytesPerSide = 16 * 1024;
    private const int MaxLine = 512;

    private static readonly string[] FailurePhrases =
        ["login incorrect", "incorrect password", "login failed", "authentication failed", "access denied", "invalid password", "login invalid"];

    private readonly bool ftp;
    private readonly StringBuilder clientLine = new();
    private readonly StringBuilder serverLine = new();
    private int clientBytes;
    private int serverBytes;
    private bool passwordSent;
    private bool awaitingOutcome;
    private bool clientTypedSincePrompt;

    private LoginAnalyzer(bool ftp) => this.ftp = ftp;

    public int FailedLogins { get; private set; }
    public bool LoggedIn { get; private set; }
    public bool GuestLogin { get; private set; }

    /// <summary>An analyzer for the service, or null when the service has no login to follow.</summary>
    public static LoginAnalyzer? For(string service) => service switch
    {
        "ftp" => new LoginAnalyzer(ftp: true),
        "telnet" or "login" => new LoginAnalyzer(ftp: false),
        _ => null,
    };

    /// <summary>Services whose login features this analyzer observes.</summary>
    public static bool Covers(string service) => service is "ftp" or "telnet" or "login";

    public void OnPayload(bool fromClient, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        ref var seen = ref fromClient ? ref clientBytes : ref serverBytes;
        if (seen >= MaxBytesPerSide) return;
        data = data[..Math.Min(data.Length, MaxBytesPerSide - seen)];
        seen += data.Length;
        if (ftp) FtpBytes(fromClient, data);
        else TelnetBytes(fromClient, data);
    }

    private void FtpBytes(bool fromClient, ReadOnlySpan<byte> data)
    {
        var line = fromClient ? clientLine : serverLine;
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                var text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (fromClient) FtpCommand(text);
                else FtpReply(text);
            }
            else if (line.Length < MaxLine)
            {
                line.Append((char)b);
            }
        }
    }

    private void FtpCommand(string text)
    {
        if (text.StartsWith("USER ", StringComparison.OrdinalIgnoreCase))
        {
            var user = text[5..].Trim();
            if (user.Equals("anonymous", StringComparison.OrdinalIgnoreCase) || user.Equals("ftp", StringComparison.OrdinalIgnoreCase)
                || user.Equals("guest", StringComparison.OrdinalIgnoreCase))
                GuestLogin = true;
        }
        else if (text.StartsWith("PASS", StringComparison.OrdinalIgnoreCase))
        {
            passwordSent = true;
        }
    }

    private void FtpReply(string text)
    {
        // Multi-line replies repeat the code with '-'; the final line has a space.
        if (text.StartsWith("530", StringComparison.Ordinal) && passwordSent)
        {
            FailedLogins++;
            passwordSent = false;
        }
        else if (text.StartsWith("230", StringComparison.Ordinal))
        {
            LoggedIn = true;
            passwordSent = false;
        }
    }

    private void TelnetBytes(bool fromClient, ReadOnlySpan<byte> data)
    {
        var text = TelnetText(data);
        if (fromClient)
        {
            if (awaitingOutcome && text.Trim().Length > 0) clientTypedSincePrompt = true;
            return;
        }
        var lower = text.ToLowerInvariant();
        if (FailurePhrases.Any(lower.Contains))
        {
            FailedLogins++;
            awaitingOutcome = false;
            clientTypedSincePrompt = false;
        }
        else if (awaitingOutcome && clientTypedSincePrompt && lower.Trim().Length > 0
                 && (lower.Contains("last login") || (!lower.Contains("password") && !lower.Contains("login:") && !lower.Contains("username"))))
        {
            LoggedIn = true;
            awaitingOutcome = false;
        }
        if (lower.Contains("password"))
        {
            awaitingOutcome = true;
            clientTypedSincePrompt = false;
        }
    }

    /// <summary>The printable text of a telnet segment, without IAC option negotiation.</summary>
    private static string TelnetText(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder(data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == 0xFF && i + 1 < data.Length)
            {
                var command = data[i + 1];
                if (command is >= 251 and <= 254) i += 2;
                else if (command == 250)
                {
                    // Sub-negotiation: skip to IAC SE.
                    i += 2;
                    while (i + 1 < data.Length && !(data[i] == 0xFF && data[i + 1] == 240)) i++;
                    i++;
                }
                else i++;
                continue;
            }
            if (b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r') text.Append((char)b);
        }
        return text.ToString();
    }
}
