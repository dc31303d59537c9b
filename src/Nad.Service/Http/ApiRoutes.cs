namespace Nad.Service.Http;

/// <summary>Where the JSON API lives: every route group (the API's, the dashboard's calls) hangs under this prefix.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";
}
