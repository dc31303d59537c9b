namespace Nad.Alerts.Export;

/// <summary>An HTTP endpoint (<see cref="WebhookSink"/>) that receives each batch as a POSTed JSON array of ECS documents.</summary>
public sealed class WebhookSinkSettings
{
    /// <summary>The name in metrics (<c>webhook:NAME</c>); default: the URL's host and port.</summary>
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>When set, each request carries <see cref="SignatureHeader"/>: <c>sha256=</c> and the hex HMAC-SHA256 of the body with this secret.</summary>
    public string Secret { get; set; } = "";

    public string SignatureHeader { get; set; } = "X-Nad-Signature";

    /// <summary>One request's time limit; a timeout is a failed attempt.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public RetrySettings Retry { get; set; } = new();

    public Uri Uri => new(Url, UriKind.Absolute);

    public string SinkName => "webhook:" + (Name.Length > 0 ? Name : Uri.Authority);

    internal IEnumerable<string> Problems(string at)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return RetrySettings.Problem(at, "Url", Url, "an absolute http or https URL");
        if (string.IsNullOrWhiteSpace(SignatureHeader)) yield return RetrySettings.Problem(at, "SignatureHeader", SignatureHeader, "a header name");
        if (TimeoutSeconds is < 1 or > 600) yield return RetrySettings.Problem(at, "TimeoutSeconds", TimeoutSeconds, "between 1 and 600");
        foreach (var problem in Retry.Problems(at + ":Retry")) yield return problem;
    }
}
