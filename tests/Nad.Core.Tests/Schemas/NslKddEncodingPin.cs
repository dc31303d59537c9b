using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Nad.Core.Features;

namespace Nad.Core.Tests.Schemas;

/// <summary>The sha256 of NSL-KDD encodings (plain and standardized) of KDDTest+ rows, learned on KDDTrain+ rows.</summary>
public static class NslKddEncodingPin
{
    public static string Hash(bool standardize)
    {
        var encoder = FeatureEncoder.Fit(TestData.EveryKth(TestData.Train, 20000).Records, new FeatureEncoderOptions { Standardize = standardize });
        var batch = encoder.EncodeBatch(TestData.EveryKth(TestData.TestPlus, 5000).Records);
        return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(batch.Values.AsSpan()))) + $" {encoder.Dimension} {batch.RowsWithUnknownCategories}";
    }
}
