# The web app's suite (tests/web): a real PostgreSQL (Debian's postgresql, started here, a role and database
# for the tests) and chromium-driver for the browser test (chromium itself comes from 00-base.sh).
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
apt_install "${need[@]}"

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | grep -q .; then
  $SUDO pg_createcluster "$PG_VERSION" main >/dev/null
fi
PG_CLUSTER="$(pg_lsclusters -h | head -1 | awk '{print $1, $2}')"
PG_PORT="$(pg_lsclusters -h | head -1 | awk '{print $3}')"
if ! pg_lsclusters -h | head -1 | grep -q online; then
  # shellcheck disable=SC2086
  $SUDO pg_ctlcluster $PG_CLUSTER start
fi
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
for _ in $(seq 1 30); do
  pg_as psql -p "$PG_PORT" -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 1
done
# A role that may create the per-run test databases (migrations from zero every run).
pg_as psql -p "$PG_PORT" -qAtc "select 1 from pg_roles where rolname='shuzhi_test'" | grep -q 1 ||
  pg_as psql -p "$PG_PORT" -qc "create role shuzhi_test login createdb password 'shuzhi_test'"
pg_as psql -p "$PG_PORT" -qAtc "select 1 from pg_database where datname='shuzhi_test'" | grep -q 1 ||
  pg_as psql -p "$PG_PORT" -qc "create database shuzhi_test owner shuzhi_test"
export SHUZHI_TEST_POSTGRES_URL="postgresql://shuzhi_test:shuzhi_test@127.0.0.1:${PG_PORT}/shuzhi_test"
