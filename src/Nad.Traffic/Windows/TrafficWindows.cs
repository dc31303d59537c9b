using System.Runtime.InteropServices;
using Nad.Core.Records;
using Nad.Traffic.Connections;

namespace Nad.Traffic.Windows;

/// <summary>
/// Computes the traffic features 23-41 for connections fed in start-time order, and builds
/// the final record. The current connection counts itself (NSL-KDD: count = 1 always gives
/// same_srv_rate = 1). Both windows keep running totals per host, per service, per
/// (host, service) and per (host, source port), so each connection costs O(1) whatever the
/// window holds, and memory is bounded by the window sizes.
/// "Service" windows span every host, as the data requires (srv_count exceeds count in 32,650 rows).
/// Hosts are 128-bit addresses: an IPv4 and an IPv6 address are different hosts, even on one machine.
/// </summary>
public sealed class TrafficWindows
{
    private readonly WindowSettings settings;
    private readonly long timeWindowMicros;
    private readonly SlidingCounts timeWindow = new();
    private readonly SlidingCounts hostWindow = new();
    private long clockMicros = long.MinValue;

    public TrafficWindows(WindowSettings? settings = null)
    {
        this.settings = settings ?? new WindowSettings();
        this.settings.Validate();
        timeWindowMicros = (long)(this.settings.TimeWindow.TotalMilliseconds * 1000);
    }

    /// <summary>Connections that arrived earlier than one already seen (their window is the current one).</summary>
    public long LateConnections { get; private set; }

    public ExtractedConnection Add(ConnectionSummary connection)
    {
        var time = connection.StartMicros;
        if (time < clockMicros) { LateConnections++; time = clockMicros; }
        clockMicros = time;

        var entry = new WindowEntry(time, connection.Endpoints.DestinationAddress, connection.Service, connection.Endpoints.SourcePort,
            ErrorClasses.IsSynError(connection.Flag), ErrorClasses.IsRejectError(connection.Flag));

        while (timeWindow.Count > 0 && (timeWindow.Oldest.TimeMicros < time - timeWindowMicros || timeWindow.Count >= settings.MaxTimeWindowConnections))
            timeWindow.RemoveOldest();
        timeWindow.Add(entry);
        while (hostWindow.Count > settings.HostWindowConnections - 1)
            hostWindow.RemoveOldest();
        hostWindow.Add(entry);

        var numeric = new double[NslKddSchema.NumericCount];
        numeric[Index.Duration] = Math.Floor(connection.DurationMicros / 1_000_000.0);
        numeric[Index.SrcBytes] = connection.SourceBytes;
        numeric[Index.DstBytes] = connection.DestinationBytes;
        numeric[Index.Land] = connection.Land ? 1 : 0;
        numeric[Index.Urgent] = connection.Urgent;
        numeric[Index.WrongFragment] = Math.Min(connection.WrongFragments, WindowSettings.WrongFragmentCap);
        numeric[Index.FailedLogins] = connection.FailedLogins;
        numeric[Index.LoggedIn] = connection.LoggedIn ? 1 : 0;
        numeric[Index.GuestLogin] = connection.GuestLogin ? 1 : 0;

        var host = timeWindow.Host(entry.Host);
        var service = timeWindow.Service(entry.Service);
        var hostService = timeWindow.HostService(entry.Host, entry.Service);
        numeric[Index.Count] = Math.Min(host.Count, WindowSettings.TimeCountCap);
        numeric[Index.SrvCount] = Math.Min(service.Count, WindowSettings.TimeCountCap);
        numeric[Index.SerrorRate] = Rate(host.SynErrors, host.Count);
        numeric[Index.SrvSerrorRate] = Rate(service.SynErrors, service.Count);
        numeric[Index.RerrorRate] = Rate(host.RejectErrors, host.Count);
        numeric[Index.SrvRerrorRate] = Rate(service.RejectErrors, service.Count);
        numeric[Index.SameSrvRate] = Rate(hostService, host.Count);
        numeric[Index.DiffSrvRate] = Rate(host.Count - hostService, host.Count);
        numeric[Index.SrvDiffHostRate] = Rate(service.Count - hostService, service.Count);

        host = hostWindow.Host(entry.Host);
        service = hostWindow.Service(entry.Service);
        hostService = hostWindow.HostService(entry.Host, entry.Service);
        var hostSourcePort = hostWindow.HostSourcePort(entry.Host, entry.SourcePort);
        numeric[Index.DstHostCount] = Math.Min(host.Count, WindowSettings.HostCountCap);
        numeric[Index.DstHostSrvCount] = Math.Min(service.Count, WindowSettings.HostCountCap);
        numeric[Index.DstHostSameSrvRate] = Rate(hostService, host.Count);
        numeric[Index.DstHostDiffSrvRate] = Rate(host.Count - hostService, host.Count);
        numeric[Index.DstHostSameSrcPortRate] = Rate(hostSourcePort, host.Count);
        numeric[Index.DstHostSrvDiffHostRate] = Rate(service.Count - hostService, service.Count);
        numeric[Index.DstHostSerrorRate] = Rate(host.SynErrors, host.Count);
        numeric[Index.DstHostSrvSerrorRate] = Rate(service.SynErrors, service.Count);
        numeric[Index.DstHostRerrorRate] = Rate(host.RejectErrors, host.Count);
        numeric[Index.DstHostSrvRerrorRate] = Rate(service.RejectErrors, service.Count);

        var record = new ConnectionRecord(connection.Protocol, connection.Service, connection.Flag, numeric);
        return new ExtractedConnection(record, connection.Endpoints, connection.NotObserved, connection.Estimated);
    }

    /// <summary>A share rounded to 2 decimals as NSL-KDD stores it; 0 when there is nothing to divide by.</summary>
    public static double Rate(int part, int whole) =>
        whole <= 0 ? 0 : Math.Round((double)part / whole, 2, MidpointRounding.AwayFromZero);

    private readonly record struct WindowEntry(long TimeMicros, HostAddress Host, string Service, int SourcePort, bool SynError, bool RejectError);

    internal struct Totals
    {
        public int Count;
        public int SynErrors;
        public int RejectErrors;
    }

    /// <summary>A FIFO of connections with running totals by host, service, (host, service) and (host, source port).</summary>
    private sealed class SlidingCounts
    {
        private readonly Queue<WindowEntry> entries = new();
        private readonly Dictionary<HostAddress, Totals> byHost = [];
        private readonly Dictionary<string, Totals> byService = new(StringComparer.Ordinal);
        private readonly Dictionary<(HostAddress, string), int> byHostService = new();
        private readonly Dictionary<(HostAddress, int), int> byHostSourcePort = new();

        public int Count => entries.Count;
        public WindowEntry Oldest => entries.Peek();

        public Totals Host(HostAddress host) => byHost.GetValueOrDefault(host);
        public Totals Service(string service) => byService.GetValueOrDefault(service);
        public int HostService(HostAddress host, string service) => byHostService.GetValueOrDefault((host, service));
        public int HostSourcePort(HostAddress host, int port) => byHostSourcePort.GetValueOrDefault((host, port));

        public void Add(WindowEntry entry)
        {
            entries.Enqueue(entry);
            Change(byHost, entry.Host, entry, +1);
            Change(byService, entry.Service, entry, +1);
            Bump(byHostService, (entry.Host, entry.Service), +1);
            Bump(byHostSourcePort, (entry.Host, entry.SourcePort), +1);
        }

        public void RemoveOldest()
        {
            var entry = entries.Dequeue();
            Change(byHost, entry.Host, entry, -1);
            Change(byService, entry.Service, entry, -1);
            Bump(byHostService, (entry.Host, entry.Service), -1);
            Bump(byHostSourcePort, (entry.Host, entry.SourcePort), -1);
        }

        private static void Change<TKey>(Dictionary<TKey, Totals> totals, TKey key, WindowEntry entry, int delta) where TKey : notnull
        {
            ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, key, out _);
            value.Count += delta;
            if (entry.SynError) value.SynErrors += delta;
            if (entry.RejectError) value.RejectErrors += delta;
            if (value.Count == 0) totals.Remove(key);
        }

        private static void Bump<TKey>(Dictionary<TKey, int> counts, TKey key, int delta) where TKey : notnull
        {
            ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
            value += delta;
            if (value == 0) counts.Remove(key);
        }
    }

    /// <summary>Positions in <see cref="ConnectionRecord.Numeric"/>, looked up once from the schema.</summary>
    private static class Index
    {
        private static int Of(string name) => NslKddSchema.Get(name).ValueIndex;
        public static readonly int Duration = Of("duration"), SrcBytes = Of("srcbytes"), DstBytes = Of("dstbytes"),
            Land = Of("land"), Urgent = Of("urgent"), WrongFragment = Of("wrongfragment"), FailedLogins = Of("numfailedlogins"), LoggedIn = Of("loggedin"),
            GuestLogin = Of("isguestlogin"), Count = Of("count"), SrvCount = Of("srvcount"), SerrorRate = Of("serrorrate"),
            SrvSerrorRate = Of("srvserrorrate"), RerrorRate = Of("rerrorrate"), SrvRerrorRate = Of("srvrerrorrate"),
            SameSrvRate = Of("samesrvrate"), DiffSrvRate = Of("diffsrvrate"), SrvDiffHostRate = Of("srvdiffhostrate"),
            DstHostCount = Of("dsthostcount"), DstHostSrvCount = Of("dsthostsrvcount"),
            DstHostSameSrvRate = Of("dsthostsamesrvrate"), DstHostDiffSrvRate = Of("dsthostdiffsrvrate"),
            DstHostSameSrcPortRate = Of("dsthostsamesrcportrate"), DstHostSrvDiffHostRate = Of("dsthostsrvdiffhostrate"),
            DstHostSerrorRate = Of("dsthostserrorrate"), DstHostSrvSerrorRate = Of("dsthostsrvserrorrate"),
            DstHostRerrorRate = Of("dsthostrerrorrate"), DstHostSrvRerrorRate = Of("dsthostsrvrerrorrate");
    }
}
