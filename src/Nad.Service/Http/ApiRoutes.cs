namespace Nad.Service.Http;

/// <summary>Where the JSON API lives: every route group (the API's, the dashboard's calls) hangs under this prefix.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    /// <summary>API v2: the scoring routes with an honest answer (score in model units, calibrated probability); v1's scoring routes point here.</summary>
    public const string V2Prefix = "/api/v2";
}
