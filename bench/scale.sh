#!/usr/bin/env bash
# Scale-out bench (issue 15): records/s end to end with 1, 2 and 3 `nad worker`s on this machine.
# Starts its own nats-server (JetStream, one node) and PostgreSQL on free loopback ports in a temp folder,
# trains a small model, then for each worker count: a fresh stream and database, the workers started,
# the training file (125,973 records) published, and the clock stopped when the last verdict row is committed.
# Prints a Markdown table: publish rec/s, end-to-end rec/s, CPU seconds of the workers, nats-server and
# PostgreSQL (user+system), wall seconds. Usage: bench/scale.sh [worker counts...]   (default: 1 2 3)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
counts=("${@:-1 2 3}"); [ $# -eq 0 ] && counts=(1 2 3)
dotnet build src/Nad.Cli -c Release -v q -nologo >/dev/null
nad=(dotnet "$repo/src/Nad.Cli/bin/Release/net10.0/nad.dll")
work=$(mktemp -d /tmp/nad-scale-XXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
            runuser -u postgres -- "$pgbin/pg_ctl" stop -D "$work/pg" -m immediate >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat"; }   # utime+stime+children, in clock ticks
ticks=$(getconf CLK_TCK)

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_port=$(free_port)
chown postgres "$work"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U nad -A trust --no-sync >/dev/null
runuser -u postgres -- "$pgbin/postgres" -D "$work/pg" -p "$pg_port" -k "$work" -c listen_addresses=127.0.0.1 >"$work/pg.log" 2>&1 & 
sleep 2; pg_pid=$(head -1 "$work/pg/postmaster.pid")
psql() { command psql -h 127.0.0.1 -p "$pg_port" -U nad -qAt "$@"; }

{ zcat data/nsl-kdd/Network_anomaly_data.csv.gz || true; } | head -n 5001 > "$work/train5000.csv"   # zcat stops on the closed pipe
"${nad[@]}" train --model random-forest --param trees=10 --data "$work/train5000.csv" --out "$work/rf.nadmodel" >/dev/null 2>&1
data=data/nsl-kdd/Network_anomaly_data.csv.gz
rows=125973

echo "| workers | publish rec/s | end-to-end rec/s | worker CPU s | nats CPU s | PostgreSQL CPU s | wall s |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${counts[@]}"; do
  db="bench_$n"; stream="BENCH_$n"
  # A fresh nats-server a row: one stream owns the subjects nad.records.>, so a second stream beside it would be refused.
  [ -n "${nats_pid:-}" ] && { kill "$nats_pid"; wait "$nats_pid" 2>/dev/null || true; }
  nats_port=$(free_port)
  nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$work/js-$n" >"$work/nats-$n.log" 2>&1 & nats_pid=$!; pids+=("$nats_pid")
  sleep 0.5
  psql -d postgres -c "CREATE DATABASE $db"
  url="postgres://nad@127.0.0.1:$pg_port/$db"
  nats0=$(cpu "$nats_pid"); pg0=$(cpu "$pg_pid")
  workers=()
  for i in $(seq 1 "$n"); do
    "${nad[@]}" worker --nats "nats://127.0.0.1:$nats_port" --stream "$stream" --model "$work/rf.nadmodel" --alerts "$url" --name "w$i" \
      >/dev/null 2>"$work/worker-$n-$i.log" & workers+=($!); pids+=($!)
  done
  until psql -d "$db" -c "SELECT 1 FROM verdicts LIMIT 0" >/dev/null 2>&1; do sleep 0.1; done   # the workers have migrated
  sleep 1
  start=$(date +%s.%N)
  "${nad[@]}" publish --nats "nats://127.0.0.1:$nats_port" --subject nad.records.bench --stream "$stream" --data "$data" 2>"$work/publish-$n.log"
  publish_rate=$(grep -o '([0-9,]* records/s)' "$work/publish-$n.log" | tr -dc '0-9')
  until [ "$(psql -d "$db" -c 'SELECT COUNT(*) FROM verdicts')" -ge "$rows" ]; do sleep 0.1; done
  end=$(date +%s.%N)
  wcpu=0; for w in "${workers[@]}"; do wcpu=$((wcpu + $(cpu "$w"))); done
  for w in "${workers[@]}"; do kill -TERM "$w"; done; wait "${workers[@]}" 2>/dev/null || true
  sleep 0.5   # the workers' PostgreSQL backends exit and are reaped: their CPU is then the postmaster's children's
  nats1=$(cpu "$nats_pid"); pg1=$(cpu "$pg_pid")
  awk -v n="$n" -v p="$publish_rate" -v r="$rows" -v s="$start" -v e="$end" -v w="$wcpu" -v a="$((nats1-nats0))" -v g="$((pg1-pg0))" -v t="$ticks" \
    'BEGIN { wall=e-s; printf "| %d | %\047d | %\047d | %.1f | %.1f | %.1f | %.1f |\n", n, p, r/wall, w/t, a/t, g/t, wall }'
done
