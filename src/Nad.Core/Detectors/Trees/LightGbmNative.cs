using System.Runtime.InteropServices;
using System.Text;


namespace Nad.Core.Detectors.Trees;

/// <summary>
/// The few LightGBM C API calls NAD's random forest needs (the native library ships with
/// Microsoft.ML.LightGbm's LightGBM package). ML.NET's LightGBM trainer does not offer
/// LightGBM's random-forest booster (<c>boosting=rf</c>), hence the direct calls.
/// Every call's status is checked; a failure throws with LightGBM's own message.
/// </summary>
internal static class LightGbmNative
{
    private const string Library = "lib_lightgbm";
    private const int Float32 = 0;

    [DllImport(Library)] private static extern IntPtr LGBM_GetLastError();
    [DllImport(Library)]
    private static extern int LGBM_DatasetCreateFromMat(float[] data, int dataType, int rows, int columns, int rowMajor,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, IntPtr reference, out IntPtr dataset);
    [DllImport(Library)]
    private static extern int LGBM_DatasetSetField(IntPtr dataset, [MarshalAs(UnmanagedType.LPUTF8Str)] string field, float[] values, int count, int type);
    [DllImport(Library)] private static extern int LGBM_DatasetFree(IntPtr dataset);
    [DllImport(Library)]
    private static extern int LGBM_BoosterCreate(IntPtr dataset, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, out IntPtr booster);
    [DllImport(Library)] private static extern int LGBM_BoosterUpdateOneIter(IntPtr booster, out int finished);
    [DllImport(Library)] private static extern int LGBM_BoosterFree(IntPtr booster);
    [DllImport(Library)]
    private static extern int LGBM_BoosterSaveModelToString(IntPtr booster, int startIteration, int iterations, int importanceType,
        long bufferLength, out long length, byte[] buffer);
    [DllImport(Library)]
    private static extern int LGBM_BoosterPredictForMat(IntPtr booster, float[] data, int dataType, int rows, int columns, int rowMajor,
        int predictType, int startIteration, int iterations, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, out long length, double[] result);

    /// <summary>
    /// Trains on row-major float rows and returns LightGBM's model text; optionally also its
    /// probabilities for <paramref name="predictRows"/> (the normal prediction: for a forest the
    /// sigmoid of the trees' mean; LightGBM's "raw score" of a forest is the sum, not the mean).
    /// </summary>
    public static string Train(float[] rows, int count, int dimension, float[] labels, string parameters, int iterations, IProgress<int>? progress,
        float[]? predictRows, double[]? predictions, CancellationToken cancellationToken)
    {
        using var dataset = Dataset.Create(rows, count, dimension, labels, parameters);
        return Train(dataset, parameters, iterations, progress, predictRows, predictions, cancellationToken);
    }

    /// <summary>Trains one booster on a dataset built before (several boosters may train on one dataset at once: LightGBM only reads it).</summary>
    public static string Train(Dataset dataset, string parameters, int iterations, IProgress<int>? progress,
        float[]? predictRows, double[]? predictions, CancellationToken cancellationToken)
    {
        var booster = IntPtr.Zero;
        try
        {
            Check(LGBM_BoosterCreate(dataset.Handle, parameters, out booster));
            for (var i = 0; i < iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Check(LGBM_BoosterUpdateOneIter(booster, out var finished));
                progress?.Report(i + 1);
                if (finished != 0) break;
            }
            if (predictRows is not null && predictions is not null)
                Check(LGBM_BoosterPredictForMat(booster, predictRows, Float32, predictions.Length, dataset.Dimension, 1, 0, 0, 0, "", out _, predictions));
            Check(LGBM_BoosterSaveModelToString(booster, 0, 0, 0, 0, out var length, []));
            var text = new byte[length];
            Check(LGBM_BoosterSaveModelToString(booster, 0, 0, 0, length, out _, text));
            return Encoding.UTF8.GetString(text, 0, (int)Math.Max(0, length - 1)); // drop the terminating NUL
        }
        finally
        {
            if (booster != IntPtr.Zero) LGBM_BoosterFree(booster);
        }
    }

    /// <summary>
    /// A LightGBM dataset: the rows binned into histograms, with their labels. Building it is a third
    /// of a 50-tree part's time, so the forest's parts share one.
    /// </summary>
    public sealed class Dataset : IDisposable
    {
        private Dataset(IntPtr handle, int dimension)
        {
            Handle = handle;
            Dimension = dimension;
        }

        public IntPtr Handle { get; private set; }
        public int Dimension { get; }

        /// <summary>Bins the rows on the threads <paramref name="parameters"/> names (its num_threads).</summary>
        public static Dataset Create(float[] rows, int count, int dimension, float[] labels, string parameters)
        {
            OpenMpSettings.PreferPassiveWaiting();
            Check(LGBM_DatasetCreateFromMat(rows, Float32, count, dimension, 1, parameters, IntPtr.Zero, out var handle));
            var dataset = new Dataset(handle, dimension);
            try
            {
                Check(LGBM_DatasetSetField(handle, "label", labels, count, Float32));
                return dataset;
            }
            catch
            {
                dataset.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (Handle == IntPtr.Zero) return;
            LGBM_DatasetFree(Handle);
            Handle = IntPtr.Zero;
        }
    }

    private static void Check(int status)
    {
        if (status != 0)
            throw new InvalidOperationException($"LightGBM failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError()) ?? "no message"}");
    }
}
