using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Http;
using Nad.Service.Models;

namespace Nad.Service.Endpoints;

/// <summary>
/// Documents the request body of the scoring routes (parsed by hand, so the framework cannot see
/// it): a ConnectionRecord schema built from the served model's schema (<see cref="NslKddSchema"/> for NSL-KDD,
/// with its ranges), one record or an array.
/// </summary>
public sealed class RecordSchemaTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] ScoringOperations = ["Predict", "Score", "Detect", "PredictV2", "ScoreV2", "DetectV2"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!ScoringOperations.Contains(operation.OperationId)) return Task.CompletedTask;
        // The served model's schema: records of a model of another schema (nad serve --model) carry its columns.
        var registry = context.ApplicationServices.GetService<ModelRegistry>();
        var served = registry?.Served?.Detector.Schema;
        var other = served is { IsNslKdd: false } ? served : null;
        var record = other is null ? RecordSchema() : RecordSchema(other);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "One connection record, or an array of them, or CSV rows (at most Nad:MaxBatchRecords).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        OneOf = [record, new OpenApiSchema { Type = JsonSchemaType.Array, Items = record, MinItems = 1 }],
                    },
                },
                [CsvBody.MediaType] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = other is null
                            ? "NSL-KDD rows, one per line: the 41 columns in file order (label and difficulty may follow and are ignored), header optional. Answered with an array."
                            : $"Rows of schema '{other.Name}' under a header line naming its columns (in any order; its connection fields, label and ignored columns may be present). Answered with an array.",
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema RecordSchema()
    {
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var column in NslKddSchema.Columns)
        {
            var schema = new OpenApiSchema { Description = column.Description };
            switch (column.Kind)
            {
                case FeatureKind.Categorical:
                    schema.Type = JsonSchemaType.String;
                    schema.MinLength = 1;
                    schema.MaxLength = RecordJsonReader.MaxCategoryLength;
                    break;
                case FeatureKind.Binary:
                    schema.Type = JsonSchemaType.Integer;
                    schema.Enum = [JsonValue.Create(0), JsonValue.Create(1)];
                    break;
                case FeatureKind.Rate:
                    schema.Type = JsonSchemaType.Number;
                    schema.Minimum = "0";
                    schema.Maximum = "1";
                    break;
                default:
                    schema.Type = JsonSchemaType.Number;
                    schema.Minimum = "0";
                    break;
            }
            properties[column.Name] = schema;
        }
        properties[RecordJsonReader.ConnectionField] = ConnectionSchema();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A connection record: the 41 NSL-KDD features under their CSV column names, all required, and optionally " +
                          "where it came from (\"connection\", stored with its alert). No other fields are allowed.",
            Properties = properties,
            Required = new HashSet<string>(NslKddSchema.Columns.Select(c => c.Name)),
            AdditionalPropertiesAllowed = false,
        };
    }

    /// <summary>A record of a schema other than NSL-KDD (<see cref="SchemaRecordJsonReader"/>): its feature columns, all required.</summary>
    private static OpenApiSchema RecordSchema(RecordSchema schema)
    {
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var column in schema.Columns)
        {
            var description = column.Description.Length > 0 ? column.Description : null;
            properties[column.Name] = column.IsCategorical
                ? new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = RecordJsonReader.MaxCategoryLength, Description = description }
                : column.Missing
                    ? new OpenApiSchema
                    {
                        Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Null,
                        Description = (description is null ? "" : description + " ") + "A number; null, \"Infinity\", \"NaN\" or \"\" mean missing.",
                    }
                    : new OpenApiSchema { Type = JsonSchemaType.Number, Description = description };
        }
        foreach (var name in schema.NonFeatureNames)
            properties[name] = new OpenApiSchema { Description = "Not a feature (a connection field, label or ignored column): read past." };
        properties[RecordJsonReader.ConnectionField] = ConnectionSchema();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"A connection record of schema '{schema.Name}' (the served model's): its {schema.Columns.Count} feature columns under their CSV " +
                          "column names, all required, and optionally where it came from (\"connection\"). No other fields are allowed.",
            Properties = properties,
            Required = new HashSet<string>(schema.Columns.Select(c => c.Name)),
            AdditionalPropertiesAllowed = false,
        };
    }

    // What RecordJsonReader.ParseConnection accepts: all five fields, nothing else.
    private static OpenApiSchema ConnectionSchema()
    {
        OpenApiSchema Port() => new() { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = "65535" };
        OpenApiSchema Address() => new() { Type = JsonSchemaType.String, Description = "IPv4 or IPv6 address" };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Optional: the connection's start time, hosts and ports (as nad extract names them); stored with the record's alert.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["start_time"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                ["src_addr"] = Address(),
                ["src_port"] = Port(),
                ["dst_addr"] = Address(),
                ["dst_port"] = Port(),
            },
            Required = new HashSet<string> { "start_time", "src_addr", "src_port", "dst_addr", "dst_port" },
            AdditionalPropertiesAllowed = false,
        };
    }
}
