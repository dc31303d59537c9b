using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests.Fixtures;

/// <summary>The first rows of the bundled NSL-KDD files: real data, small enough for fast tests.</summary>
internal static class DataSlices
{
    public static ConnectionDataset Head(string path, int rows)
    {
        var read = NslKddReader.ReadRows(InputFile.Open(path), path).Take(rows).ToArray();
        return new ConnectionDataset(path, read.Select(r => r.Record).ToArray(), read.Select(r => r.Label!.Value).ToArray(), null, read.Select(r => r.Line).ToArray());
    }
}
