set -e
# Figure for the README: `explain --top 10` on a throwaway cluster (as root: initdb runs as postgres).
# Ten read statements on a 200,000-row table at work_mem 64kB, then analyze and the work_mem advice.
D=$(mktemp -d /tmp/dopt-pgfig.XXXXXX); chown postgres $D
BIN=$(ls -d /usr/lib/postgresql/*/bin | head -1)
su postgres -c "$BIN/initdb -D $D/data -A trust" >/dev/null
su postgres -c "$BIN/pg_ctl -D $D/data -o '-p 54998 -k /tmp -c shared_preload_libraries=pg_stat_statements' -l $D/log start -w" >/dev/null
P="$BIN/psql -h 127.0.0.1 -p 54998 -U postgres -X -q"
$P -c "CREATE EXTENSION pg_stat_statements; CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int, region text, note text, total numeric); INSERT INTO orders SELECT g, g % 2000, 'r' || (g % 4), md5(g::text), g % 500 FROM generate_series(1, 200000) g; ANALYZE orders; ALTER DATABASE postgres SET work_mem = '64kB'; SELECT pg_stat_statements_reset();" >/dev/null
for i in 1 2 3; do
$P >/dev/null <<SQL
SELECT count(*) FROM orders WHERE customer_id = $i;
SELECT sum(total) FROM orders WHERE region = 'r$i' AND total > 100;
SELECT max(n) FROM (SELECT row_number() OVER (ORDER BY note) n FROM orders) s;
SELECT count(*) FROM orders a JOIN orders b ON a.note = b.note;
SELECT region, count(*) FROM orders GROUP BY region;
SELECT id FROM orders WHERE total BETWEEN 10 AND 20 ORDER BY total LIMIT 10;
SELECT customer_id, avg(total) FROM orders GROUP BY customer_id ORDER BY 2 DESC LIMIT 5;
SELECT count(DISTINCT note) FROM orders;
SELECT * FROM orders WHERE id = $i;
SELECT count(*) FROM orders WHERE note LIKE 'ab%';
SQL
done
W=$D/fig.dopt
CLI=${CLI:-$(cd "$(dirname "$0")/.." && pwd)/build/app/dremio-optimizer-cli}
URL=postgresql://postgres@127.0.0.1:54998/postgres
$CLI --workspace $W collect --postgres $URL --no-advice >/dev/null 2>&1
/usr/bin/time -f "explain wall %e s, max RSS %M kB" $CLI --workspace $W explain --top 10 2>&1 | grep -E "profiles stored|wall|no profile"
$CLI --workspace $W analyze >/dev/null 2>&1
$CLI --workspace $W recommend --detector memory_spill 2>&1 | head -5
su postgres -c "$BIN/pg_ctl -D $D/data stop -m fast" >/dev/null; rm -rf $D
