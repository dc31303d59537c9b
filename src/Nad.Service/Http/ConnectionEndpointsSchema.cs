using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Nad.Core.Records;

namespace Nad.Service.Http;

/// <summary>
/// How an alert's <see cref="ConnectionEndpoints"/> appears in the OpenAPI document: as it did when the
/// service had its own copy of the type (schema "AlertConnection", all five fields required, addresses
/// as strings), so generated clients see no change. <see cref="HostAddress"/> writes itself as text
/// through its own converter, which the schema generator cannot see.
/// </summary>
public static class ConnectionEndpointsSchema
{
    public const string SchemaName = "AlertConnection";

    public static OpenApiOptions DescribeConnectionEndpoints(this OpenApiOptions options)
    {
        var defaultId = options.CreateSchemaReferenceId;
        options.CreateSchemaReferenceId = type =>
            Is<HostAddress>(type.Type) ? null // inline, made a string below
            : Is<ConnectionEndpoints>(type.Type) ? SchemaName
            : defaultId(type);
        return options.AddDocumentTransformer((document, _, _) =>
        {
            if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(SchemaName, out var found)
                && found is OpenApiSchema { Properties: { } properties } schema)
            {
                schema.Required = new HashSet<string>(properties.Keys);
                foreach (var address in (string[])["sourceAddress", "destinationAddress"])
                    properties[address] = new OpenApiSchema { Type = JsonSchemaType.String };
            }
            return Task.CompletedTask;
        });
    }

    private static bool Is<T>(Type type) where T : struct => (Nullable.GetUnderlyingType(type) ?? type) == typeof(T);
}
