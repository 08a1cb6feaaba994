#include "parameteradvisor.h"

#include "analysis/workmemadvice.h"
#include "sql/fingerprinter.h"
#include "tablereplacement.h"
#include "workmemhistory.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace dopt {

namespace {

constexpr double kMinimumRho = 0.35;
constexpr double kMinimumAgreement = 0.98; // share of bootstrap resamples that agree (about a 2% one-sided test)
constexpr double kMinimumGain = 0.15; // categories: the best median at least 15% below the runner-up

std::vector<double> ranks(const std::vector<double>& values)
{
    std::vector<size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
    std::vector<double> rank(values.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])
            ++j;
        const double average = (double(i) + double(j)) / 2.0 + 1.0; // ties share their mean rank
        for (size_t k = i; k <= j; ++k)
            rank[order[k]] = average;
        i = j + 1;
    }
    return rank;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double sampleFactor(size_t runs)
{
    return std::min(1.0, double(runs) / 30.0); // fewer than 30 runs: proportionally less confident
}

} // namespace

double ParameterAdvisor::spearman(const std::vector<double>& x, const std::vector<double>& y)
{
    const size_t n = x.size();
    if (n < 2 || y.size() != n)
        return 0;
    const std::vector<double> rx = ranks(x), ry = ranks(y);
    const double mean = (double(n) + 1.0) / 2.0;
    double covariance = 0, varianceX = 0, varianceY = 0;
    for (size_t i = 0; i < n; ++i) {
        covariance += (rx[i] - mean) * (ry[i] - mean);
        varianceX += (rx[i] - mean) * (rx[i] - mean);
        varianceY += (ry[i] - mean) * (ry[i] - mean);
    }
    return varianceX > 0 && varianceY > 0 ? covariance / std::sqrt(varianceX * varianceY) : 0;
}

std::optional<ParameterAdvice> ParameterAdvisor::adviseNumeric(
    const QString& parameter, const std::vector<std::pair<double, double>>& runs, quint64 seed)
{
    QMap<double, std::vector<double>> byValue;
    for (const auto& [value, duration] : runs)
        byValue[value].push_back(duration);
    int populated = 0;
    for (const auto& durations : std::as_const(byValue))
        populated += int(durations.size()) >= MinimumRunsPerValue ? 1 : 0;
    if (int(runs.size()) < MinimumRuns || populated < 2)
        return std::nullopt;
    std::vector<double> x, y;
    for (const auto& [value, duration] : runs) {
        x.push_back(value);
        y.push_back(duration);
    }
    const double rho = spearman(x, y);
    if (std::abs(rho) < kMinimumRho)
        return std::nullopt;
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<size_t> pick(0, runs.size() - 1);
    int agreeing = 0;
    std::vector<double> bx(runs.size()), by(runs.size());
    for (int round = 0; round < BootstrapRounds; ++round) {
        for (size_t i = 0; i < runs.size(); ++i) {
            const size_t j = pick(random);
            bx[i] = x[j];
            by[i] = y[j];
        }
        agreeing += spearman(bx, by) * rho > 0 ? 1 : 0;
    }
    const double agreement = double(agreeing) / BootstrapRounds;
    if (agreement < kMinimumAgreement)
        return std::nullopt;
    ParameterAdvice advice;
    advice.parameter = parameter;
    // Slower with larger values: the smallest value seen; faster with larger values: the largest.
    const double recommended = rho > 0 ? byValue.firstKey() : byValue.lastKey();
    advice.recommendedValue = QString::number(recommended, 'g', 15);
    advice.confidence = std::clamp(std::abs(rho) * agreement * sampleFactor(runs.size()), 0.0, 0.99);
    QJsonArray values;
    for (auto it = byValue.cbegin(); it != byValue.cend(); ++it)
        values.append(QJsonObject {{QStringLiteral("value"), it.key()}, {QStringLiteral("runs"), qint64(it->size())},
            {QStringLiteral("median_ms"), median(*it)}});
    advice.detail = {{QStringLiteral("values"), values}, {QStringLiteral("spearman_rho"), rho},
        {QStringLiteral("bootstrap_agreement"), agreement}, {QStringLiteral("runs"), qint64(runs.size())},
        {QStringLiteral("observational"), true}};
    return advice;
}

std::optional<ParameterAdvice> ParameterAdvisor::adviseCategorical(
    const QString& parameter, const std::vector<std::pair<QString, double>>& runs, quint64 seed)
{
    QMap<QString, std::vector<double>> byValue;
    for (const auto& [value, duration] : runs)
        byValue[value].push_back(duration);
    QStringList candidates;
    for (auto it = byValue.cbegin(); it != byValue.cend(); ++it) {
        if (int(it->size()) >= MinimumRunsPerValue)
            candidates.append(it.key());
    }
    if (int(runs.size()) < MinimumRuns || candidates.size() < 2)
        return std::nullopt;
    auto fastest = [&](const QMap<QString, std::vector<double>>& groups, double* gain) {
        QString best;
        double bestMedian = 0, secondMedian = 0;
        for (const QString& value : std::as_const(candidates)) {
            const double m = median(groups.value(value));
            if (best.isEmpty() || m < bestMedian) {
                secondMedian = best.isEmpty() ? m : bestMedian;
                best = value;
                bestMedian = m;
            } else if (m < secondMedian || secondMedian == bestMedian) {
                secondMedian = m;
            }
        }
        if (gain)
            *gain = secondMedian > 0 ? 1.0 - bestMedian / secondMedian : 0.0;
        return best;
    };
    double gain = 0;
    const QString best = fastest(byValue, &gain);
    if (gain < kMinimumGain)
        return std::nullopt;
    // Stratified bootstrap: each value's runs resampled on their own.
    std::mt19937_64 random(seed);
    int agreeing = 0;
    for (int round = 0; round < BootstrapRounds; ++round) {
        QMap<QString, std::vector<double>> resampled;
        for (const QString& value : std::as_const(candidates)) {
            const std::vector<double>& durations = byValue[value];
            std::uniform_int_distribution<size_t> pick(0, durations.size() - 1);
            std::vector<double>& sample = resampled[value];
            for (size_t i = 0; i < durations.size(); ++i)
                sample.push_back(durations[pick(random)]);
        }
        agreeing += fastest(resampled, nullptr) == best ? 1 : 0;
    }
    const double agreement = double(agreeing) / BootstrapRounds;
    if (agreement < kMinimumAgreement)
        return std::nullopt;
    ParameterAdvice advice;
    advice.parameter = parameter;
    advice.recommendedValue = best;
    advice.confidence = std::clamp(agreement * std::min(1.0, gain / 0.5) * sampleFactor(runs.size()), 0.0, 0.99);
    QJsonArray values;
    for (auto it = byValue.cbegin(); it != byValue.cend(); ++it)
        values.append(QJsonObject {{QStringLiteral("value"), it.key()}, {QStringLiteral("runs"), qint64(it->size())},
            {QStringLiteral("median_ms"), median(*it)}});
    advice.detail = {{QStringLiteral("values"), values}, {QStringLiteral("median_gain"), gain},
        {QStringLiteral("bootstrap_agreement"), agreement}, {QStringLiteral("runs"), qint64(runs.size())},
        {QStringLiteral("observational"), true}};
    return advice;
}

std::optional<double> ParameterAdvisor::limitOf(const QString& sql)
{
    static const QRegularExpression limit(QStringLiteral("\\bLIMIT\\s+(\\d+)(\\s+OFFSET\\s+\\d+)?\\s*;?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    // The standard spelling (PostgreSQL, Dremio): [OFFSET n ROWS] FETCH FIRST|NEXT n ROW|ROWS ONLY.
    static const QRegularExpression fetch(
        QStringLiteral("\\bFETCH\\s+(?:FIRST|NEXT)\\s+(\\d+)\\s+ROWS?\\s+(?:ONLY|WITH\\s+TIES)\\s*;?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatch match = limit.match(sql);
    if (!match.hasMatch())
        match = fetch.match(sql);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toDouble();
}

std::optional<double> ParameterAdvisor::batchSizeOf(const QString& sql)
{
    static const QRegularExpression insertValues(
        QStringLiteral("^\\s*INSERT\\s+INTO\\s+[^(]*?(?:\\([^)]*\\)\\s*)?VALUES\\s*"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = insertValues.match(sql);
    if (!match.hasMatch())
        return std::nullopt;
    // Count the top-level parenthesised rows; stop at the first other word (ON CONFLICT, RETURNING).
    int rows = 0, depth = 0;
    bool quoted = false;
    for (qsizetype i = match.capturedEnd(); i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (quoted) {
            if (c == QLatin1Char('\'')) {
                if (i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('\''))
                    ++i; // '' inside a literal
                else
                    quoted = false;
            }
            continue;
        }
        if (c == QLatin1Char('\'')) {
            quoted = true;
        } else if (c == QLatin1Char('(')) {
            rows += depth == 0 ? 1 : 0;
            ++depth;
        } else if (c == QLatin1Char(')')) {
            if (--depth < 0)
                return std::nullopt;
        } else if (depth == 0 && !c.isSpace() && c != QLatin1Char(',')) {
            break;
        }
    }
    if (depth != 0 || quoted || rows == 0)
        return std::nullopt;
    return double(rows);
}

bool ParameterAdvisor::analyzeWorkspace(
    QSqlDatabase db, const std::atomic_bool* cancel, QVector<ParameterAdvice>* advice, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT engine, sql_text, queue, engine_name, duration_ms FROM jobs "
                                   "WHERE state = 'COMPLETED' AND duration_ms > 0"))) {
        *error = QStringLiteral("parameter advice: reading jobs: %1").arg(query.lastError().text());
        return false;
    }
    struct Shape
    {
        QString sql;
        std::vector<std::pair<double, double>> limits;
        std::vector<std::pair<QString, double>> queues;
        std::vector<std::pair<QString, double>> engines;
        std::vector<std::pair<double, double>> batches; // (rows per INSERT, ms per row)
    };
    QHash<QString, Shape> shapes;
    while (query.next()) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            *error = QStringLiteral("parameter advice: cancelled");
            return false;
        }
        const QString sql = query.value(1).toString();
        const SqlDialect dialect = query.value(0).toString().startsWith(QLatin1String("postgres"), Qt::CaseInsensitive)
            ? SqlDialect::Postgres
            : SqlDialect::Dremio;
        const QString fingerprint = Fingerprinter::fingerprint(sql, dialect).fingerprint;
        if (fingerprint.isEmpty())
            continue;
        Shape& shape = shapes[fingerprint];
        if (shape.sql.isEmpty())
            shape.sql = sql;
        const double duration = query.value(4).toDouble();
        if (const std::optional<double> limit = limitOf(sql))
            shape.limits.emplace_back(*limit, duration);
        // A batch's run time grows with its rows anyway: the time per row is what a batch size changes.
        if (const std::optional<double> batch = batchSizeOf(sql))
            shape.batches.emplace_back(*batch, duration / *batch);
        if (!query.value(2).toString().isEmpty())
            shape.queues.emplace_back(query.value(2).toString(), duration);
        if (!query.value(3).toString().isEmpty())
            shape.engines.emplace_back(query.value(3).toString(), duration);
    }
    QVector<ParameterAdvice> result;
    for (auto it = shapes.cbegin(); it != shapes.cend(); ++it) {
        const quint64 seed = qHash(it.key());
        std::optional<ParameterAdvice> found[] = {adviseNumeric(QStringLiteral("limit"), it->limits, seed),
            adviseCategorical(QStringLiteral("queue"), it->queues, seed),
            adviseCategorical(QStringLiteral("engine"), it->engines, seed),
            adviseNumeric(QStringLiteral("batch_size"), it->batches, seed + 1)};
        for (std::optional<ParameterAdvice>& one : found) {
            if (!one)
                continue;
            if (one->parameter == QLatin1String("batch_size"))
                one->detail.insert(QStringLiteral("unit"), QStringLiteral("rows per INSERT; median_ms is per row"));
            one->fingerprint = it.key();
            one->sql = it->sql;
            result.append(*one);
        }
    }
    // PostgreSQL work_mem: the value each execution ran with, from logged SETs and measured changes.
    QHash<QString, WorkMemHistory::Shape> workMem;
    qint64 defaultKb = 0;
    if (!WorkMemHistory::read(db, &workMem, &defaultKb, error))
        return false;
    for (auto it = workMem.cbegin(); it != workMem.cend(); ++it) {
        std::optional<ParameterAdvice> one = adviseNumeric(QStringLiteral("work_mem"), it->runs, qHash(it.key()) + 6);
        if (!one)
            continue;
        one->fingerprint = it.key();
        one->sql = it->sql;
        one->recommendedValue = WorkMemAdvice::format(qint64(one->recommendedValue.toDouble()));
        one->detail.insert(QStringLiteral("unit"), QStringLiteral("kB"));
        one->detail.insert(QStringLiteral("default_kb"), defaultKb);
        one->detail.insert(QStringLiteral("runs_from_logs"), it->fromLogs);
        one->detail.insert(QStringLiteral("runs_from_measurements"), it->fromMeasurements);
        result.append(*one);
    }
    std::sort(result.begin(), result.end(), [](const ParameterAdvice& a, const ParameterAdvice& b) {
        return a.confidence != b.confidence
            ? a.confidence > b.confidence
            : std::tie(a.fingerprint, a.parameter) < std::tie(b.fingerprint, b.parameter);
    });
    *advice = result;
    return true;
}

bool ParameterAdvisor::store(QSqlDatabase db, const QVector<ParameterAdvice>& advice, QString* error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVector<QVariantList> rows;
    for (const ParameterAdvice& one : advice) {
        QJsonObject detail = one.detail;
        detail.insert(QStringLiteral("sql"), one.sql);
        rows.append({one.fingerprint, one.parameter, one.recommendedValue, one.confidence,
            QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), now});
    }
    return TableReplacement::replace(db, QStringLiteral("parameter_advice"),
        {QStringLiteral("fingerprint"), QStringLiteral("parameter"), QStringLiteral("recommended_value"),
            QStringLiteral("confidence"), QStringLiteral("detail"), QStringLiteral("computed_ms")},
        rows, QStringLiteral("parameter advice"), error);
}

} // namespace dopt
