#include "demoqueryshapes.h"

#include "demorandom.h"

#include <QCryptographicHash>
#include <cmath>

namespace dopt {

namespace {

enum Table { Orders, Customers, OrderItems, Products, WebEvents, Inventory, Warehouses, Invoices, Targets };

const QStringList kAnalysts = {QStringLiteral("maria.schmidt"), QStringLiteral("j.okafor"), QStringLiteral("li.wei"),
    QStringLiteral("sam.patel"), QStringLiteral("anna.kowalska"), QStringLiteral("diego.ramos")};
const QStringList kBiServices = {QStringLiteral("tableau_svc"), QStringLiteral("powerbi_svc")};
const QStringList kEtl = {QStringLiteral("dbt_runner"), QStringLiteral("etl_service")};
const QStringList kRegions
    = {QStringLiteral("EMEA"), QStringLiteral("NA"), QStringLiteral("LATAM"), QStringLiteral("APAC")};
const QStringList kCountries = {QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("US"), QStringLiteral("BR"),
    QStringLiteral("JP"), QStringLiteral("GB"), QStringLiteral("IN"), QStringLiteral("PL")};
const QStringList kCategories = {QStringLiteral("Outdoor"), QStringLiteral("Kitchen"), QStringLiteral("Electronics"),
    QStringLiteral("Toys"), QStringLiteral("Garden"), QStringLiteral("Apparel")};
const QStringList kChannels = {QStringLiteral("organic"), QStringLiteral("paid_search"), QStringLiteral("email"),
    QStringLiteral("social"), QStringLiteral("affiliate")};

QVector<DemoTable> makeTables()
{
    const auto t = [](const char* table, const char* view, const char* columns, const char* all, qint64 rows,
                       int partitions, int files, int rowBytes) {
        return DemoTable {QString::fromUtf8(table), QString::fromUtf8(view), QString::fromUtf8(columns),
            QString::fromUtf8(all), rows, partitions, files, rowBytes};
    };
    return {
        t("lakehouse.sales.orders", "\"Sales Space\".\"orders 2025\"",
            "`order_id`, `customer_id`, `order_date`, `region`, `status`, `total_amount`",
            "`order_id`, `customer_id`, `order_date`, `order_ts`, `region`, `country`, `status`, `channel`, "
            "`total_amount`, `discount`, `currency`, `payment_method`",
            1'240'000'000, 540, 8, 42),
        t("lakehouse.sales.customers", "\"Sales Space\".customers",
            "`customer_id`, `country`, `segment`, `signup_date`",
            "`customer_id`, `name`, `email`, `country`, `segment`, `signup_date`, `lifetime_value`", 12'400'000, 1, 48,
            55),
        t("lakehouse.sales.order_items", "\"Sales Space\".\"order items\"",
            "`order_id`, `product_id`, `quantity`, `unit_price`",
            "`order_id`, `line_no`, `product_id`, `quantity`, `unit_price`, `tax`", 4'100'000'000, 540, 12, 24),
        t("lakehouse.catalog.products", "\"Sales Space\".products", "`product_id`, `category`, `brand`",
            "`product_id`, `sku`, `name`, `category`, `brand`, `list_price`", 86'000, 1, 2, 70),
        t("lakehouse.web.events", "Marketing.\"web events\"", "`event_ts`, `session_id`, `channel`, `event_type`",
            "`event_ts`, `event_date`, `session_id`, `customer_id`, `channel`, `event_type`, `page`, `referrer`, "
            "`user_agent`",
            9'200'000'000, 2160, 60, 38),
        t("lakehouse.supply.inventory_snapshots", "\"Supply Chain\".inventory",
            "`snapshot_date`, `warehouse_id`, `product_id`, `on_hand`",
            "`snapshot_date`, `warehouse_id`, `product_id`, `on_hand`, `reserved`, `reorder_point`", 610'000'000, 365,
            6, 20),
        t("lakehouse.supply.warehouses", "\"Supply Chain\".warehouses", "`warehouse_id`, `region`, `name`",
            "`warehouse_id`, `name`, `region`, `city`, `capacity`", 140, 1, 1, 80),
        t("lakehouse.finance.invoices", "Finance.invoices", "`invoice_id`, `invoice_date`, `region`, `amount`",
            "`invoice_id`, `order_id`, `invoice_date`, `region`, `amount`, `tax`, `status`", 310'000'000, 540, 4, 36),
        t("lakehouse.finance.sales_targets", "Finance.\"sales targets\"", "`month`, `region`, `target_amount`",
            "`month`, `region`, `target_amount`, `owner`", 52'000, 1, 1, 40),
    };
}

QString uuidFor(const QString& text)
{
    const QByteArray hash = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QString::fromLatin1(
        hash.left(8) + '-' + hash.mid(8, 4) + '-' + hash.mid(12, 4) + '-' + hash.mid(16, 4) + '-' + hash.mid(20, 12));
}

DemoQueryShape shape(const char* name, const char* category, DemoPlanKind plan, int fact, const char* sql)
{
    DemoQueryShape s;
    s.name = QString::fromUtf8(name);
    s.category = QString::fromUtf8(category);
    s.plan = plan;
    s.fact = fact;
    s.sql = QString::fromUtf8(sql);
    s.users = kAnalysts;
    return s;
}

DemoQueryShape dashboard(const char* name, DemoPlanKind plan, int fact, const char* sql)
{
    DemoQueryShape s = shape(name, "dashboard", plan, fact, sql);
    s.users = kBiServices;
    s.queryType = QStringLiteral("JDBC");
    s.engine = QStringLiteral("bi-engine");
    s.weight = 3.0;
    return s;
}

DemoQueryShape batch(const char* name, DemoPlanKind plan, int fact, int minuteOfDay, const char* sql)
{
    DemoQueryShape s = shape(name, "etl", plan, fact, sql);
    s.users = kEtl;
    s.queryType = QStringLiteral("REST");
    s.engine = QStringLiteral("etl-engine");
    s.schedule = DemoSchedule::Nightly;
    s.minuteOfDay = minuteOfDay;
    s.sigma = 0.2;
    return s;
}

/// The performance of a shape at size factor 1: median duration, share of the fact table read, rows out.
void perf(DemoQueryShape& s, double medianMs, double selectivity, double rowsReturned)
{
    s.medianMs = medianMs;
    s.selectivity = selectivity;
    s.rowsReturned = rowsReturned;
}

QVector<DemoQueryShape> makeShapes()
{
    using K = DemoPlanKind;
    QVector<DemoQueryShape> list;

    // Dashboards (BI service accounts over JDBC, office hours).
    DemoQueryShape s = dashboard("Daily revenue by region", K::Aggregate, Orders,
        "SELECT order_date, region, SUM(total_amount) AS revenue, COUNT(*) AS orders\n"
        "FROM \"Sales Space\".\"orders 2025\"\n"
        "WHERE order_date BETWEEN DATE '{from}' AND DATE '{to}'\n"
        "GROUP BY order_date, region\nORDER BY order_date");
    perf(s, 9000, 0.012, 28);
    s.reflectionId = QStringLiteral("5f0c9a8e-1b7d-4e1a-9c55-0d3b8f6a2e71");
    s.reflectionName = QStringLiteral("orders_daily_region_agg");
    s.acceleratedShare = 0.93;
    s.weight = 6;
    list << s;

    s = dashboard("Orders by status, last 7 days", K::Aggregate, Orders,
        "SELECT status, COUNT(*) AS orders, SUM(total_amount) AS amount\n"
        "FROM \"Sales Space\".\"orders 2025\"\n"
        "WHERE order_date >= DATE '{from}'\nGROUP BY status");
    perf(s, 2200, 0.011, 6);
    s.weight = 5;
    list << s;

    s = dashboard("Top products this month", K::JoinAggregate, Orders,
        "SELECT p.category, p.brand, SUM(i.quantity * i.unit_price) AS revenue\n"
        "FROM \"Sales Space\".\"order items\" i\n"
        "JOIN \"Sales Space\".products p ON p.product_id = i.product_id\n"
        "JOIN \"Sales Space\".\"orders 2025\" o ON o.order_id = i.order_id\n"
        "WHERE o.order_date >= DATE '{month}' AND p.category = '{category}'\n"
        "GROUP BY p.category, p.brand\nORDER BY revenue DESC\nLIMIT {limit}");
    s.fact = OrderItems;
    s.dimension = Products;
    perf(s, 14000, 0.02, 50);
    list << s;

    s = dashboard("Customer segments KPI", K::JoinAggregate, Orders,
        "SELECT c.segment, COUNT(DISTINCT o.customer_id) AS buyers, AVG(o.total_amount) AS basket\n"
        "FROM \"Sales Space\".\"orders 2025\" o\n"
        "JOIN \"Sales Space\".customers c ON c.customer_id = o.customer_id\n"
        "WHERE o.order_date BETWEEN DATE '{from}' AND DATE '{to}'\nGROUP BY c.segment");
    s.dimension = Customers;
    perf(s, 12000, 0.012, 5);
    s.reflectionId = QStringLiteral("a31e77c2-4f08-4b8e-8d1c-6a2f90e4c7b5");
    s.reflectionName = QStringLiteral("orders_customers_raw");
    s.acceleratedShare = 0.8;
    list << s;

    s = dashboard("Web traffic by channel", K::Aggregate, WebEvents,
        "SELECT channel, DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events\n"
        "FROM Marketing.\"web events\"\n"
        "WHERE event_ts >= TIMESTAMP '{from} 00:00:00' AND channel = '{channel}'\n"
        "GROUP BY channel, DATE_TRUNC('hour', event_ts)");
    perf(s, 16000, 0.008, 168);
    s.smallFiles = true;
    s.weight = 4;
    list << s;

    s = dashboard("Inventory by warehouse", K::JoinAggregate, Inventory,
        "SELECT w.region, w.name, SUM(i.on_hand) AS on_hand\n"
        "FROM \"Supply Chain\".inventory i\n"
        "JOIN \"Supply Chain\".warehouses w ON w.warehouse_id = i.warehouse_id\n"
        "WHERE i.snapshot_date = DATE '{day}' AND w.region = '{region}'\nGROUP BY w.region, w.name");
    s.dimension = Warehouses;
    perf(s, 3500, 0.0028, 35);
    list << s;

    s = dashboard("Sales vs target", K::JoinAggregate, Invoices,
        "SELECT t.region, t.month, t.target_amount, SUM(v.amount) AS actual\n"
        "FROM Finance.invoices v\n"
        "JOIN Finance.\"sales targets\" t ON t.region = v.region AND t.month = DATE_TRUNC('month', "
        "v.invoice_date)\n"
        "WHERE v.invoice_date >= DATE '{month}'\nGROUP BY t.region, t.month, t.target_amount");
    s.dimension = Targets;
    perf(s, 4000, 0.03, 4);
    s.regressionFromDay = 60;
    s.regressionFactor = 3.0;
    s.regressionLosesPruning = true;
    list << s;

    s = dashboard("Conversion funnel", K::SkewedJoin, WebEvents,
        "SELECT e.channel, COUNT(DISTINCT e.session_id) AS sessions, COUNT(DISTINCT o.order_id) AS orders\n"
        "FROM Marketing.\"web events\" e\n"
        "LEFT JOIN \"Sales Space\".\"orders 2025\" o ON o.customer_id = e.customer_id\n"
        "WHERE e.event_date BETWEEN DATE '{from}' AND DATE '{to}'\nGROUP BY e.channel");
    s.dimension = Orders;
    perf(s, 38000, 0.004, 5);
    s.skewShare = 0.62;
    s.weight = 1.5;
    list << s;

    s = dashboard("Revenue by country (reflection not chosen)", K::Aggregate, Orders,
        "SELECT country, SUM(total_amount) AS revenue\nFROM \"Sales Space\".\"orders 2025\"\n"
        "WHERE order_date >= DATE '{from}' AND country IN ({countries})\nGROUP BY country");
    perf(s, 7000, 0.015, 4);
    s.reflectionId = QStringLiteral("c9d2e4f6-7a81-4b3c-9e0d-1f2a3b4c5d6e");
    s.reflectionName = QStringLiteral("orders_country_agg");
    s.reflectionMatchOnly = true;
    list << s;

    // Ad-hoc analysis (analysts in the UI).
    s = shape("Customer lookup", "ad-hoc", K::PointLookup, Customers,
        "SELECT customer_id, name, email, country, segment\nFROM \"Sales Space\".customers\n"
        "WHERE customer_id = {id}");
    perf(s, 450, 0.00001, 1);
    s.weight = 6;
    list << s;

    s = shape("Orders by id list", "ad-hoc", K::PointLookup, Orders,
        "SELECT order_id, order_ts, status, total_amount\nFROM \"Sales Space\".\"orders 2025\"\n"
        "WHERE order_id IN ({ids})");
    perf(s, 5200, 0.0005, 8);
    s.weight = 4;
    list << s;

    s = shape("Browse web events", "ad-hoc", K::SelectStar, WebEvents,
        "SELECT *\nFROM Marketing.\"web events\"\nLIMIT {limit}");
    perf(s, 1800, 0.0000002, 100);
    s.weight = 3;
    list << s;

    s = shape("May orders by text match", "ad-hoc", K::Aggregate, Orders,
        "SELECT region, COUNT(*) AS orders\nFROM \"Sales Space\".\"orders 2025\"\n"
        "WHERE CAST(order_ts AS VARCHAR) LIKE '2025-05%'\nGROUP BY region");
    perf(s, 95000, 1.0, 4);
    s.sigma = 0.25;
    s.allPartitions = true;
    s.weight = 0.6;
    list << s;

    s = shape("Distinct customers per country", "ad-hoc", K::SpillingAggregate, Orders,
        "SELECT country, customer_id, COUNT(*) AS orders, SUM(total_amount) AS spend\n"
        "FROM \"Sales Space\".\"orders 2025\"\nWHERE order_date >= DATE '{from}'\n"
        "GROUP BY country, customer_id");
    perf(s, 52000, 0.12, 4'800'000);
    s.spills = true;
    s.weight = 0.8;
    list << s;

    s = shape("Order lines with category peers", "ad-hoc", K::FanOutJoin, OrderItems,
        "SELECT i.order_id, p2.product_id AS peer_product\nFROM \"Sales Space\".\"order items\" i\n"
        "JOIN \"Sales Space\".products p1 ON p1.product_id = i.product_id\n"
        "JOIN \"Sales Space\".products p2 ON p2.category = p1.category\n"
        "WHERE i.order_id BETWEEN {id} AND {id} + 5000");
    s.dimension = Products;
    perf(s, 41000, 0.000004, 2'000'000);
    s.fanOut = 1400;
    s.weight = 0.5;
    list << s;

    s = shape("Customer cohorts", "ad-hoc", K::WindowSort, Orders,
        "SELECT customer_id, order_date,\n"
        "       ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date) AS nth_order\n"
        "FROM \"Sales Space\".\"orders 2025\"\nWHERE order_date BETWEEN DATE '{from}' AND DATE '{to}'\n"
        "  AND region = '{region}'");
    perf(s, 21000, 0.01, 500'000);
    s.weight = 1.2;
    list << s;

    s = shape("Basket size by country", "ad-hoc", K::JoinAggregate, Orders,
        "SELECT c.country, AVG(o.total_amount) AS avg_basket\nFROM \"Sales Space\".\"orders 2025\" o\n"
        "JOIN \"Sales Space\".customers c ON c.customer_id = o.customer_id\n"
        "WHERE o.order_date >= DATE '{from}' AND c.country IN ({countries})\nGROUP BY c.country");
    s.dimension = Customers;
    perf(s, 11000, 0.01, 3);
    s.weight = 2;
    list << s;

    s = shape("Invoice drill-down", "ad-hoc", K::PointLookup, Invoices,
        "SELECT invoice_id, invoice_date, amount, status\nFROM Finance.invoices\n"
        "WHERE region = '{region}' AND invoice_date = DATE '{day}'\nORDER BY amount DESC\nLIMIT {limit}");
    perf(s, 1300, 0.0005, 100);
    s.weight = 2.5;
    list << s;

    s = shape("Typo in column name", "ad-hoc", K::PointLookup, Orders,
        "SELECT order_id, order_totl\nFROM \"Sales Space\".\"orders 2025\"\nWHERE order_date = DATE '{day}'");
    perf(s, 180, 0.01, 0);
    s.failureRate = 1.0;
    s.errors = {QStringLiteral("VALIDATION ERROR: Column 'order_totl' not found in any table")};
    s.weight = 0.6;
    list << s;

    s = shape("Wide export of web sessions", "ad-hoc", K::SpillingAggregate, WebEvents,
        "SELECT session_id, MIN(event_ts) AS first_seen, MAX(event_ts) AS last_seen, LISTAGG(page, ',') AS pages\n"
        "FROM Marketing.\"web events\"\nWHERE event_date >= DATE '{from}'\nGROUP BY session_id");
    perf(s, 140000, 0.05, 9'000'000);
    s.spills = true;
    s.smallFiles = true;
    s.failureRate = 0.35;
    s.errors = {QStringLiteral("RESOURCE ERROR: Query was cancelled because it exceeded the memory limits set by the "
                               "administrator. Allocator(op:3:2:5:HashAggregate) 1000000/16777216 exceeded"),
        QStringLiteral("RESOURCE ERROR: One or more nodes ran out of memory while executing the query.")};
    s.weight = 0.4;
    list << s;

    s = shape("Product search", "ad-hoc", K::PointLookup, Products,
        "SELECT product_id, sku, name, list_price\nFROM \"Sales Space\".products\n"
        "WHERE category = '{category}' AND LOWER(name) LIKE '%{term}%'");
    perf(s, 380, 0.1, 40);
    s.weight = 3;
    s.failureRate = 0.02;
    s.errors = {QStringLiteral("SYSTEM ERROR: ConnectException: Connection refused: dremio-executor-2:45678")};
    list << s;

    // Reports (weekly).
    s = shape("Weekly finance close", "report", K::JoinAggregate, Invoices,
        "SELECT v.region, DATE_TRUNC('week', v.invoice_date) AS week, SUM(v.amount) AS invoiced,\n"
        "       SUM(o.total_amount) AS ordered\nFROM Finance.invoices v\n"
        "JOIN \"Sales Space\".\"orders 2025\" o ON o.order_id = v.order_id\n"
        "WHERE v.invoice_date BETWEEN DATE '{from}' AND DATE '{to}'\nGROUP BY 1, 2");
    s.dimension = Orders;
    s.users = {QStringLiteral("finance_reports")};
    s.queryType = QStringLiteral("ODBC");
    s.schedule = DemoSchedule::WeeklyMonday;
    s.minuteOfDay = 6 * 60;
    perf(s, 65000, 0.03, 16);
    s.sigma = 0.15;
    list << s;

    // Nightly ETL at fixed times.
    s = batch("Nightly daily sales snapshot", K::Ctas, Orders, 2 * 60,
        "CREATE TABLE lakehouse.marts.daily_sales_{dayid} AS\n"
        "SELECT order_date, region, country, SUM(total_amount) AS revenue, COUNT(*) AS orders\n"
        "FROM \"Sales Space\".\"orders 2025\"\nWHERE order_date = DATE '{day}'\nGROUP BY 1, 2, 3");
    perf(s, 48000, 0.0019, 4);
    list << s;

    s = batch("Nightly customer dimension refresh", K::Ctas, Customers, 2 * 60 + 30,
        "INSERT INTO lakehouse.marts.dim_customer\n"
        "SELECT c.customer_id, c.country, c.segment, MAX(o.order_date) AS last_order\n"
        "FROM \"Sales Space\".customers c\n"
        "LEFT JOIN \"Sales Space\".\"orders 2025\" o ON o.customer_id = c.customer_id\n"
        "WHERE c.signup_date <= DATE '{day}'\nGROUP BY 1, 2, 3");
    perf(s, 120000, 1.0, 4);
    s.regressionFromDay = 60;
    s.regressionFactor = 3.0;
    list << s;

    s = batch("Nightly inventory load", K::Ctas, Inventory, 3 * 60 + 30,
        "INSERT INTO lakehouse.supply.inventory_snapshots\n"
        "SELECT DATE '{day}', warehouse_id, product_id, on_hand, reserved, reorder_point\n"
        "FROM staging.erp.\"inventory_{dayid}.parquet\"");
    perf(s, 35000, 0.0028, 4);
    s.smallFiles = true;
    list << s;

    s = batch("Nightly web events compaction", K::Ctas, WebEvents, 1 * 60 + 15,
        "OPTIMIZE TABLE lakehouse.web.events REWRITE DATA USING BIN_PACK FOR PARTITIONS event_date = '{day}'");
    perf(s, 210000, 0.0046, 4);
    s.failureRate = 0.04;
    s.errors = {QStringLiteral("CONCURRENT_MODIFICATION ERROR: Concurrent operation has updated the table, please "
                               "retry.")};
    list << s;

    s = batch("Nightly order items merge", K::Ctas, OrderItems, 4 * 60,
        "MERGE INTO lakehouse.sales.order_items t\nUSING staging.erp.\"order_items_{dayid}.parquet\" s\n"
        "ON t.order_id = s.order_id AND t.line_no = s.line_no\n"
        "WHEN MATCHED THEN UPDATE SET quantity = s.quantity\nWHEN NOT MATCHED THEN INSERT *");
    perf(s, 90000, 0.0019, 4);
    list << s;
    return list;
}

QString isoDate(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

QString idList(DemoRandom& random, int count)
{
    QString text;
    for (int i = 0; i < count; ++i) {
        if (i)
            text += QStringLiteral(", ");
        text += QString::number(random.integer(10'000'000, 99'999'999));
    }
    return text;
}

QString quotedList(DemoRandom& random, const QStringList& values, int count)
{
    QStringList picked;
    for (int i = 0; i < count; ++i)
        picked << QLatin1Char('\'') + values[qsizetype((random.integer(0, values.size() - 1) + i) % values.size())]
                + QLatin1Char('\'');
    picked.removeDuplicates();
    return picked.join(QStringLiteral(", "));
}

} // namespace

const QVector<DemoTable>& DemoQueryShapes::tables()
{
    static const QVector<DemoTable> list = makeTables();
    return list;
}

const QVector<DemoQueryShape>& DemoQueryShapes::shapes()
{
    static const QVector<DemoQueryShape> list = makeShapes();
    return list;
}

DemoSqlInstance DemoQueryShapes::render(const DemoQueryShape& shape, const QDate& day, DemoRandom& random)
{
    DemoSqlInstance out;
    QString sql = shape.sql;
    const auto replace = [&sql](const char* key, const QString& value) { sql.replace(QLatin1String(key), value); };
    if (sql.contains(QLatin1String("{from}"))) {
        // Dashboards look back 1, 7, 14 or 30 days; the data read grows with the window.
        static const int windows[] = {1, 7, 14, 30};
        static const double weights[] = {2, 5, 2, 1.5};
        const int window = windows[random.weighted(weights, 4)];
        replace("{from}", isoDate(day.addDays(-window)));
        out.sizeFactor *= window / 7.0;
    }
    replace("{to}", isoDate(day));
    replace("{day}", isoDate(day.addDays(-1)));
    replace("{dayid}", day.addDays(-1).toString(QStringLiteral("yyyyMMdd")));
    if (sql.contains(QLatin1String("{month}"))) {
        const QDate first(day.year(), day.month(), 1);
        replace("{month}", isoDate(first));
        out.sizeFactor *= double(std::max<qint64>(1, first.daysTo(day))) / 15.0;
    }
    if (sql.contains(QLatin1String("{ids}"))) {
        const int count = std::clamp(int(random.logNormal(6, 0.9)), 1, 250);
        replace("{ids}", idList(random, count));
        out.sizeFactor *= 0.5 + count / 12.0;
    }
    if (sql.contains(QLatin1String("{id}"))) // every occurrence gets the same id: "BETWEEN {id} AND {id} + 5000"
        replace("{id}", QString::number(random.integer(1'000'000, 12'400'000)));
    if (sql.contains(QLatin1String("{countries}"))) {
        const int count = int(random.integer(1, 6));
        replace("{countries}", quotedList(random, kCountries, count));
        out.sizeFactor *= 0.4 + count * 0.25;
    }
    replace("{region}", random.pick(kRegions));
    replace("{category}", random.pick(kCategories));
    replace("{channel}", random.pick(kChannels));
    static const QStringList terms = {QStringLiteral("tent"), QStringLiteral("kettle"), QStringLiteral("usb"),
        QStringLiteral("lego"), QStringLiteral("hose"), QStringLiteral("jacket")};
    replace("{term}", random.pick(terms));
    static const QStringList limits
        = {QStringLiteral("100"), QStringLiteral("100"), QStringLiteral("500"), QStringLiteral("1000")};
    replace("{limit}", random.pick(limits));
    out.sql = sql;
    return out;
}

QString DemoQueryShapes::queueFor(const DemoQueryShape& shape, double plannerCost)
{
    if (shape.category == QLatin1String("etl"))
        return QStringLiteral("ETL Batch");
    return plannerCost < 30'000'000 ? QStringLiteral("Low Cost User Queries")
                                    : QStringLiteral("High Cost User Queries");
}

QString DemoQueryShapes::queueId(const QString& queueName)
{
    return uuidFor(QStringLiteral("queue:") + queueName);
}

} // namespace dopt
