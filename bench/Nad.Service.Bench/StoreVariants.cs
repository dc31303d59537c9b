using System.Diagnostics;
using System.Text;
using Nad.Alerts;
using Nad.Alerts.Sqlite;
using Nad.Service.Alerts;
using SQLitePCL;

namespace Nad.Service.Bench;

/// <summary>
/// The alert insert under schema and record-form variants, side by side in one run: each variant
/// fills its own fresh file with the same batches (so every B-tree grows to the same depth) and
/// reports the median thread-CPU time of a batch, and the file's size. What the SQLite store's
/// choices (indexes, page size, record form) were decided on (docs/benchmarks.md).
/// </summary>
public static class StoreVariants
{
    private const string Table = """
        CREATE TABLE alerts (id INTEGER PRIMARY KEY{0}, time_ms INTEGER NOT NULL, endpoint TEXT NOT NULL, label TEXT NOT NULL,
            family TEXT, supervised_model TEXT, supervised_version TEXT, attack_probability REAL, unsupervised_model TEXT,
            unsupervised_version TEXT, anomaly_score REAL, record TEXT NOT NULL, start_ms INTEGER, src_addr TEXT, src_port INTEGER,
            dst_addr TEXT, dst_port INTEGER);
        """;

    private enum Form { Store, Utf16Text, Utf8Text, Blob }

    private sealed record Variant(string Name, string Setup, Form Form);

    public static void Run(IReadOnlyList<Alert> alerts, int batches)
    {
        const string timeIndex = "CREATE INDEX alerts_time ON alerts (time_ms);";
        const string labelIndex = "CREATE INDEX alerts_label_time ON alerts (label, time_ms);";
        var auto = string.Format(Table, " AUTOINCREMENT");
        var plain = string.Format(Table, "");
        Variant[] variants =
        [
            new("SqliteAlertStore.AppendAsync (the service's code)", "", Form.Store),
            new("before: AUTOINCREMENT, 2 indexes, UTF-16 JSON text", auto + timeIndex + labelIndex, Form.Utf16Text),
            new("UTF-8 JSON text bound", auto + timeIndex + labelIndex, Form.Utf8Text),
            new("blob record", auto + timeIndex + labelIndex, Form.Blob),
            new("blob, no AUTOINCREMENT", plain + timeIndex + labelIndex, Form.Blob),
            new("blob, no AUTOINCREMENT, time index only", plain + timeIndex, Form.Blob),
            new("blob, no AUTOINCREMENT, no index", plain, Form.Blob),
            new("blob, no AUTOINCREMENT, time index only, page 8192", "PRAGMA page_size = 8192;" + plain + timeIndex, Form.Blob),
            new("blob, no AUTOINCREMENT, time index only, page 16384", "PRAGMA page_size = 16384;" + plain + timeIndex, Form.Blob),
        ];
        Console.WriteLine();
        Console.WriteLine($"SQLite insert variants: {batches} transactions of {alerts.Count} alerts each into a fresh WAL file per variant, round robin, synchronous=NORMAL; the last half of the batches (steady state: the WAL file no longer grows)");
        Console.WriteLine();
        Console.WriteLine("| variant | CPU ms / batch, median | mean | CPU µs / alert, median | file MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        // Round robin, one batch of each variant in turn: a load change on the shared machine hits all of them alike.
        var folders = variants.Select(_ => Directory.CreateTempSubdirectory("nad-store-variant-").FullName).ToArray();
        var files = folders.Select(f => Path.Combine(f, "alerts.db")).ToArray();
        var dbs = new sqlite3[variants.Length];
        using var store = new SqliteAlertStore(files[0]);
        store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        for (var v = 0; v < variants.Length; v++)
        {
            if (variants[v].Form == Form.Store) continue;
            Check(null, raw.sqlite3_open(files[v], out dbs[v]));
            Exec(dbs[v], variants[v].Setup + "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        }
        var cpu = new double[variants.Length, batches];
        for (var b = 0; b < batches; b++)
            for (var v = 0; v < variants.Length; v++)
            {
                var start = ThreadCpuClock.NowMicroseconds();
                if (variants[v].Form == Form.Store) store.AppendAsync(alerts, CancellationToken.None).GetAwaiter().GetResult();
                else Insert(dbs[v], alerts, variants[v].Form);
                cpu[v, b] = (ThreadCpuClock.NowMicroseconds() - start) / 1000;
            }
        for (var v = 0; v < variants.Length; v++)
        {
            var steady = Enumerable.Range(batches / 2, batches - batches / 2).Select(b => cpu[v, b]).Order().ToArray();
            var median = steady[steady.Length / 2];
            var mean = steady.Average(); // includes the WAL checkpoints, which the median skips
            if (dbs[v] is { } db)
            {
                Exec(db, "PRAGMA wal_checkpoint(TRUNCATE);");
                db.Dispose();
            }
            Console.WriteLine($"| {variants[v].Name} | {median:0.000} | {mean:0.000} | {median * 1000 / alerts.Count:0.00} | {new FileInfo(files[v]).Length / 1e6:0.0} |");
            try { Directory.Delete(folders[v], recursive: true); } catch (IOException) { }
        }
    }

    private static void Insert(sqlite3 db, IReadOnlyList<Alert> alerts, Form form)
    {
        Exec(db, "BEGIN");
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT INTO alerts (time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
                                unsupervised_model, unsupervised_version, anomaly_score, record, start_ms, src_addr, src_port, dst_addr, dst_port)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """, out var insert));
        using (insert)
        {
            var chars = new char[4096];
            var bytes = new byte[8192];
            foreach (var a in alerts)
            {
                raw.sqlite3_bind_int64(insert, 1, a.TimeUtc.ToUnixTimeMilliseconds());
                raw.sqlite3_bind_text16(insert, 2, a.Endpoint);
                raw.sqlite3_bind_text16(insert, 3, a.Label);
                if (a.Family is null) raw.sqlite3_bind_null(insert, 4); else raw.sqlite3_bind_text16(insert, 4, a.Family);
                raw.sqlite3_bind_text16(insert, 5, a.SupervisedModel ?? "");
                raw.sqlite3_bind_text16(insert, 6, a.SupervisedVersion ?? "");
                raw.sqlite3_bind_double(insert, 7, a.AttackProbability ?? 0);
                for (var i = 8; i <= 10; i++) raw.sqlite3_bind_null(insert, i);
                switch (form)
                {
                    case Form.Utf16Text:
                        raw.sqlite3_bind_text16(insert, 11, chars.AsSpan(0, StoredRecord.Write(a.Record!, chars)));
                        break;
                    case Form.Utf8Text:
                        var n = StoredRecord.Write(a.Record!, chars);
                        raw.sqlite3_bind_text(insert, 11, bytes.AsSpan(0, Encoding.UTF8.GetBytes(chars.AsSpan(0, n), bytes)));
                        break;
                    case Form.Blob:
                        RecordBlob.TryWrite(a.Record!, bytes, out var length);
                        raw.sqlite3_bind_blob(insert, 11, bytes.AsSpan(0, length));
                        break;
                }
                for (var i = 12; i <= 16; i++) raw.sqlite3_bind_null(insert, i);
                var step = raw.sqlite3_step(insert);
                if (step != raw.SQLITE_DONE) Check(db, step);
                Check(db, raw.sqlite3_reset(insert));
            }
        }
        Exec(db, "COMMIT");
    }

    private static void Exec(sqlite3 db, string sql) => Check(db, raw.sqlite3_exec(db, sql));

    private static void Check(sqlite3? db, int result)
    {
        if (result != raw.SQLITE_OK)
            throw new InvalidOperationException($"SQLite error {result}: {(db is null ? "" : raw.sqlite3_errmsg(db).utf8_to_string())}");
    }
}
