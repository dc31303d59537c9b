using Microsoft.ML;
using Nad.Core.Features;

namespace Nad.Core.Detectors.MlNet;

/// <summary>Loads any saved ML.NET model of NAD: binary when it outputs a Probability column, else the family classifier.</summary>
public static class MlNetModels
{
    public static IScoringModel Load(Stream payload, FeatureEncoder encoder, int seed = 0)
    {
        var ml = new MLContext(seed);
        var transformer = ml.Model.Load(payload, out var inputSchema);
        var output = transformer.GetOutputSchema(inputSchema);
        return output.GetColumnOrNull(MlNetBinaryModel.ScoreColumn) is not null
            ? new MlNetBinaryModel(ml, transformer, encoder)
            : new MlNetFamilyModel(ml, transformer, encoder);
    }
}
