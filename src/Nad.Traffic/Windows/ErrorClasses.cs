namespace Nad.Traffic.Windows;

/// <summary>
/// Which flags count as SYN errors and REJ errors in the rate features. Measured on NSL-KDD
/// rows with count = 1 (where the rate shows the row's own flag), not the old descriptions:
/// SH also counts as a SYN error, and RSTO, RSTR and RSTOS0 as REJ errors.
/// </summary>
public static class ErrorClasses
{
    public static bool IsSynError(string flag) => flag is "S0" or "S1" or "S2" or "S3" or "SH";

    public static bool IsRejectError(string flag) => flag is "REJ" or "RSTO" or "RSTR" or "RSTOS0";
}
